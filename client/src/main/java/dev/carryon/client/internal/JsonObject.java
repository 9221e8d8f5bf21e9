package dev.carryon.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: not part of the API. A JSON object for the SDK's small documents (checkpoints, resume tokens):
 * fields in order, whose values are strings, numbers, booleans, null, objects and arrays. Written and read
 * by hand ({@link JsonText}) because a JSON library costs the command line a quarter of a second to start.
 */
public final class JsonObject {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** A new document of the given type and format version. */
    public static JsonObject document(String type, int version) {
        return new JsonObject().put("type", type).put("version", version);
    }

    /** Parses a document, checking its type and that its version is one this code reads. */
    public static JsonObject read(String json, String type, int maxVersion) {
        JsonObject doc = parse(json);
        if (!type.equals(doc.string("type"))) {
            throw new IllegalArgumentException("not a " + type + " document");
        }
        long version = doc.number("version", 0);
        if (version < 1 || version > maxVersion) {
            throw new IllegalArgumentException(type + " version " + version + " is not supported");
        }
        return doc;
    }

    /** Parses any JSON object; throws {@link IllegalArgumentException} for anything else. */
    public static JsonObject parse(String json) {
        return new JsonText(json).document();
    }

    JsonObject putRaw(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public JsonObject put(String key, String value) {
        return putRaw(key, value);
    }

    public JsonObject put(String key, long value) {
        return putRaw(key, value);
    }

    public JsonObject put(String key, double value) {
        return putRaw(key, value);
    }

    public JsonObject put(String key, boolean value) {
        return putRaw(key, value);
    }

    public JsonObject put(String key, JsonObject value) {
        return putRaw(key, value);
    }

    public JsonObject put(String key, List<JsonObject> values) {
        return putRaw(key, List.copyOf(values));
    }

    /** A string-to-string map as a nested object. */
    public JsonObject put(String key, Map<String, String> values) {
        JsonObject nested = new JsonObject();
        values.forEach(nested::put);
        return putRaw(key, nested);
    }

    /** A string field, or null if it is absent or null; numbers and booleans are given as text. */
    public String string(String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    public String requiredString(String key) {
        String value = string(key);
        if (value == null) {
            throw new IllegalArgumentException("the document lacks '" + key + "'");
        }
        return value;
    }

    /** A whole number, or {@code otherwise} if absent or not a number. */
    public long number(String key, long otherwise) {
        return fields.get(key) instanceof Number n ? n.longValue() : otherwise;
    }

    public boolean bool(String key) {
        return Boolean.TRUE.equals(fields.get(key));
    }

    /** A nested object; an empty one if absent. */
    public JsonObject object(String key) {
        return fields.get(key) instanceof JsonObject o ? o : new JsonObject();
    }

    /** A nested object's string fields as a map; empty if absent. */
    public Map<String, String> strings(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        object(key).fields.forEach((k, v) -> {
            if (v != null && !(v instanceof JsonObject) && !(v instanceof List)) {
                map.put(k, v.toString());
            }
        });
        return map;
    }

    /** An array of objects; empty if absent. */
    public List<JsonObject> objects(String key) {
        List<JsonObject> list = new ArrayList<>();
        if (fields.get(key) instanceof List<?> values) {
            for (Object v : values) {
                if (v instanceof JsonObject o) {
                    list.add(o);
                }
            }
        }
        return list;
    }

    Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The object as compact JSON text. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        JsonText.write(this, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
