package dev.carryon.client;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Supplies the header fields that authorise a request, such as {@code Authorization: Bearer …}. The client
 * asks for them before each request with {@code renew == false}, so an implementation should cache them;
 * after a {@code 401} it asks once more with {@code renew == true} and repeats the request with what it
 * gets. A failure here is reported to {@link TransferListener#tokenFailed(Throwable)} and retried like a
 * network failure.
 */
@FunctionalInterface
public interface AuthHeaders {

    /** The header fields to add; {@code renew} asks for fresh credentials because the last ones were refused. */
    Map<String, String> headers(boolean renew) throws IOException;

    /**
     * {@code Authorization: Bearer TOKEN}, with the token from {@code tokens}, fetched once and again only
     * after the server refused it.
     */
    static AuthHeaders bearer(Callable<String> tokens) {
        return new AuthHeaders() {
            private String token;

            @Override
            public synchronized Map<String, String> headers(boolean renew) throws IOException {
                if (token == null || renew) {
                    try {
                        token = tokens.call();
                    } catch (IOException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IOException("could not get a token: " + e, e);
                    }
                }
                return Map.of("Authorization", "Bearer " + token);
            }
        };
    }
}
