package dev.carryon.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal: not part of the API. Reading and writing the small JSON documents of checkpoints and resume
 * tokens, with their fields written out by hand so that the format is explicit and stays stable.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A new document of the given type and format version. */
    public static ObjectNode document(String type, int version) {
        return MAPPER.createObjectNode().put("type", type).put("version", version);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a document, checking its type and that its version is one this code reads. */
    public static JsonNode read(String json, String type, int maxVersion) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
        }
        if (node == null || !type.equals(node.path("type").asText())) {
            throw new IllegalArgumentException("not a " + type + " document");
        }
        int version = node.path("version").asInt(0);
        if (version < 1 || version > maxVersion) {
            throw new IllegalArgumentException(type + " version " + version + " is not supported");
        }
        return node;
    }

    public static ObjectNode map(Map<String, String> map) {
        ObjectNode node = MAPPER.createObjectNode();
        map.forEach(node::put);
        return node;
    }

    public static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** A URI field, or null when it is absent or null. */
    public static URI uri(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : URI.create(value.asText());
    }

    public static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    /** A required field; a document without it is refused with a message naming the field. */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the document lacks '" + field + "'");
        }
        return value;
    }
}
