package dev.carryon.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with a status the transfer cannot go on from, such as {@code 404} for an unknown
 * upload, {@code 413} for a file larger than the server takes, or {@code 403}; also the last of a series of
 * retryable statuses when retrying was not allowed. The status and the first part of the response body are
 * kept as data.
 */
public final class HttpStatusException extends IOException {
    private static final int MAX_BODY = 500;
    private final String method;
    private final URI uri;
    private final int status;
    private final String body;
    private final Duration retryAfter;

    public HttpStatusException(String method, URI uri, int status, String body) {
        this(method, uri, status, body, null);
    }

    /** With the delay the server asked for in {@code Retry-After}, or null. */
    public HttpStatusException(String method, URI uri, int status, String body, Duration retryAfter) {
        super(method + " " + uri + " answered " + status + describe(body));
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.body = body == null ? "" : body;
        this.retryAfter = retryAfter;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The start of the response body as text, possibly empty. */
    public String body() {
        return body;
    }

    /** How long the server asked the client to wait before trying again ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True for a client error ({@code 4xx}): repeating the request unchanged will not help. */
    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    private static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > MAX_BODY ? line.substring(0, MAX_BODY) + "…" : line);
    }
}
