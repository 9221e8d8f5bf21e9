package dev.carryon.client;

import java.io.IOException;

/**
 * Reading or writing a local file failed: no retry will help, so the
 * transfer fails at once with this as the cause.
 */
public final class LocalFileException extends IOException {
    public LocalFileException(String message, IOException cause) {
        super(message + ": " + cause, cause);
    }
}
