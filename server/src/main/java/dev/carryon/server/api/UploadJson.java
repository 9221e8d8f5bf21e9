package dev.carryon.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carryon.core.UploadInfo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON form of an upload in the API. Metadata values are decoded from tus's Base64 into text, so a
 * Chinese file name arrives as itself; values that are not UTF-8 text are left out of {@code metadata}.
 */
final class UploadJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private UploadJson() {
    }

    /**
     * @param url the upload's absolute URL, where it is continued, downloaded and deleted
     */
    static ObjectNode of(UploadInfo info, String url) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", info.id());
        node.put("url", url);
        ObjectNode metadata = node.objectNode();
        info.metadata().entries().forEach((key, value) -> {
            String text = decode(value);
            if (text != null) {
                metadata.put(key, text);
            }
        });
        node.put("filename", text(metadata, "filename", "name"));
        node.put("type", text(metadata, "filetype", "type"));
        if (info.isLengthKnown()) {
            node.put("size", info.length());
        } else {
            node.putNull("size");
        }
        node.put("offset", info.offset());
        node.put("complete", info.isComplete());
        node.put("created", info.createdAt().toString());
        if (info.expiresAt() != null) {
            node.put("expires", info.expiresAt().toString());
        }
        node.put("concat", info.concat().role().name().toLowerCase(java.util.Locale.ROOT));
        node.set("metadata", metadata);
        return node;
    }

    private static String text(ObjectNode metadata, String key, String fallback) {
        var value = metadata.has(key) ? metadata.get(key) : metadata.get(fallback);
        return value == null ? null : value.asText();
    }

    private static String decode(String base64) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(base64))).toString();
        } catch (java.nio.charset.CharacterCodingException | IllegalArgumentException notText) {
            return null;
        }
    }
}
