package dev.carryon.client.internal;

import java.io.IOException;

/**
 * Internal: not part of the API. The application's {@link dev.carryon.client.AuthHeaders} failed to supply
 * credentials; retried like a network failure.
 */
public final class TokenFailedException extends IOException {
    public TokenFailedException(Throwable cause) {
        super("could not get credentials: " + cause, cause);
    }
}
