package dev.carryon.client.internal;

import dev.carryon.client.AuthHeaders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Internal: not part of the API. Sends requests for all transfers of one client over one shared
 * {@link HttpClient}: adds the user agent and credentials (asking for fresh ones once after a {@code 401}),
 * and waits for the response in a way that a pause or abort, or a connection on which no byte moved for the
 * stall timeout, ends at once.
 */
public final class Transport {
    private static final long POLL_MILLIS = 50;

    private final HttpClient http;
    private final AuthHeaders auth;
    private final Duration requestTimeout;
    private final Duration stallTimeout;
    private final String userAgent;
    private final HttpClient.Version version;

    /** {@code version} null sends HTTP/1.1 to {@code http:} URLs and lets TLS negotiate HTTP/2 otherwise. */
    public Transport(HttpClient http, AuthHeaders auth, Duration requestTimeout, Duration stallTimeout,
                     String userAgent, HttpClient.Version version) {
        this.http = http;
        this.auth = auth;
        this.requestTimeout = requestTimeout;
        this.stallTimeout = stallTimeout;
        this.userAgent = userAgent;
        this.version = version;
    }

    /** A request builder for {@code uri} with the client's defaults. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("User-Agent", userAgent);
        if (version != null) {
            builder.version(version);
        } else if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Plain-text HTTP/2 needs an upgrade that few servers offer; asking for it only costs headers.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    /** Sends a short request, which must complete within the request timeout. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, BodyHandler<T> body, Cancellation cancellation)
            throws IOException, InterruptedException {
        return send(request.timeout(requestTimeout), body, cancellation, null);
    }

    /**
     * Sends a request with a long body or response: it may take as long as it needs while bytes move, and
     * fails with an {@link HttpTimeoutException} once {@code activity} shows none for the stall timeout.
     */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, BodyHandler<T> body, Cancellation cancellation,
                                    Activity activity) throws IOException, InterruptedException {
        HttpRequest base = request.build();
        HttpResponse<T> response = attempt(base, body, cancellation, activity, false);
        if (response.statusCode() == 401 && auth != null) {
            Responses.discard(response);
            response = attempt(base, body, cancellation, activity, true);
        }
        return response;
    }

    private <T> HttpResponse<T> attempt(HttpRequest base, BodyHandler<T> body, Cancellation cancellation,
                                        Activity activity, boolean renewCredentials)
            throws IOException, InterruptedException {
        cancellation.throwIfCancelled();
        HttpRequest.Builder builder = HttpRequest.newBuilder(base, (name, value) -> true);
        if (auth != null) {
            Map<String, String> headers;
            try {
                headers = auth.headers(renewCredentials);
            } catch (IOException | RuntimeException e) {
                throw new TokenFailedException(e);
            }
            headers.forEach(builder::setHeader);
        }
        if (activity != null) {
            activity.touch();
        }
        return await(http.sendAsync(builder.build(), body), cancellation, activity);
    }

    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> response, Cancellation cancellation,
                                      Activity activity) throws IOException, InterruptedException {
        try {
            while (true) {
                try {
                    return response.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (cancellation.isCancelled()) {
                        response.cancel(true);
                        cancellation.throwIfCancelled();
                    }
                    if (activity != null && activity.idleNanos() > stallTimeout.toNanos()) {
                        response.cancel(true);
                        throw new HttpTimeoutException("no bytes moved for " + stallTimeout.toMillis() + " ms");
                    }
                }
            }
        } catch (ExecutionException failed) {
            cancellation.throwIfCancelled(); // a failure caused by a pause is reported as the pause
            throw Failures.asIOException(failed.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    /** How long a request may go without any byte moving before it is abandoned. */
    public Duration stallTimeout() {
        return stallTimeout;
    }
}
