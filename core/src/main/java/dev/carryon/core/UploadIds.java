package dev.carryon.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Upload ids: 128 random bits as 32 lowercase hex digits. Anything else is not an id, which is what keeps a
 * request from ever naming a path outside a store's directory.
 */
public final class UploadIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");

    private UploadIds() {
    }

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isValid(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
