package dev.carryon.client;

import java.io.IOException;

/**
 * A transferred file is not what the server has: its length or its digest differ. The partial file is
 * removed, so the next attempt starts over.
 */
public final class VerificationException extends IOException {
    public VerificationException(String message) {
        super(message);
    }
}
