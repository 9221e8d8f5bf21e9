package dev.carryon.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Internal: not part of the API. tus {@code Upload-Metadata}: keys with Base64 values, comma-separated. */
public final class MetadataHeader {
    /** Printable ASCII except space and comma, which separate pairs. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]+");

    private MetadataHeader() {
    }

    /** Checks that {@code key} can be sent as a metadata key. */
    public static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("metadata key '" + key
                    + "' must be non-empty printable ASCII without spaces or commas");
        }
        return key;
    }

    /** The header value for {@code metadata}, values encoded as UTF-8 in Base64; null if empty. */
    public static String encode(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return null;
        }
        StringJoiner header = new StringJoiner(",");
        metadata.forEach((key, value) -> header.add(checkKey(key) + " "
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return header.toString();
    }

    /** The metadata in a header value; pairs that cannot be decoded are left out. */
    public static Map<String, String> decode(String header) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return metadata;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.strip().split(" ", 2);
            try {
                String value = parts.length == 2
                        ? new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8) : "";
                metadata.put(parts[0], value);
            } catch (IllegalArgumentException notBase64) {
                // a server would not send this; skip it rather than fail the whole status
            }
        }
        return metadata;
    }
}
