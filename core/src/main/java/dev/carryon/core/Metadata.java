package dev.carryon.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key/value pairs of tus {@code Upload-Metadata}, kept exactly as sent: keys in order, values in their
 * Base64 form (a key may have no value, stored as the empty string). Values are validated as strict Base64
 * on parse, so nothing undecodable (or a smuggled header) is ever stored or echoed.
 */
public record Metadata(Map<String, String> entries) {
    public static final Metadata EMPTY = new Metadata(Map.of());
    /** Printable ASCII without space and comma, the characters that separate pairs. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]+");
    private static final Pattern BASE64 = Pattern.compile("([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    public Metadata {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Parses an {@code Upload-Metadata} header; a missing or blank header is empty metadata. */
    public static Metadata parse(String header) {
        if (header == null || header.isBlank()) {
            return EMPTY;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String pair : header.split(",", -1)) {
            String[] parts = pair.strip().split(" ", -1);
            if (parts.length > 2) {
                throw invalid("a pair has more than one space");
            }
            String key = parts[0];
            String value = parts.length == 2 ? parts[1] : "";
            if (!KEY.matcher(key).matches()) {
                throw invalid("keys must be non-empty printable ASCII without spaces or commas");
            }
            if (!BASE64.matcher(value).matches()) {
                throw invalid("the value of '" + key + "' is not Base64");
            }
            if (entries.putIfAbsent(key, value) != null) {
                throw invalid("the key '" + key + "' appears twice");
            }
        }
        return new Metadata(entries);
    }

    private static UploadException invalid(String why) {
        return new UploadException(ErrorCode.INVALID_METADATA, "Upload-Metadata is malformed: " + why);
    }

    /** The header form, {@code key base64,key2 base64}. */
    public String toHeader() {
        StringBuilder header = new StringBuilder();
        entries.forEach((key, value) -> {
            if (!header.isEmpty()) {
                header.append(',');
            }
            header.append(key);
            if (!value.isEmpty()) {
                header.append(' ').append(value);
            }
        });
        return header.toString();
    }

    /** The decoded value of a key, read as UTF-8 text. */
    public Optional<String> text(String key) {
        String value = entries.get(key);
        return value == null ? Optional.empty()
                : Optional.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
