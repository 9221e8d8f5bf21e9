package dev.carryon.client.internal;

import dev.carryon.client.HttpStatusException;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Internal: not part of the API. Reading the parts of responses that every protocol call needs. */
public final class Responses {
    private Responses() {
    }

    /** A failure for an unexpected status, with the body's text if it is text, and any {@code Retry-After}. */
    public static HttpStatusException unexpected(HttpResponse<?> response) {
        String body = response.body() instanceof String s ? s : "";
        return new HttpStatusException(response.request().method(), response.request().uri(), response.statusCode(),
                body, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }

    /** {@code Retry-After} as seconds or an HTTP date; null if absent or malformed. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** A header that holds a non-negative number; empty if absent or malformed. */
    public static OptionalLong number(HttpResponse<?> response, String name) {
        String value = response.headers().firstValue(name).orElse(null);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value.strip());
            return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Lets go of a response that will not be read, so that its connection can be reused or closed. */
    public static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close(); // closing early gives the connection up rather than reading a large body
            } catch (java.io.IOException ignored) {
                // nothing more to do
            }
        } else if (response.body() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing more to do
            }
        }
    }
}
