package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import dev.carryon.client.HttpStatusException;
import dev.carryon.client.RetriesExhaustedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Internal: not part of the API. Which failures a transfer recovers from by trying again. */
public final class Failures {
    private Failures() {
    }

    /**
     * True for failures of the network or of a server that may well succeed on another attempt: I/O errors
     * and timeouts, {@code 5xx} (except 501 and 505), 408, 409 (the offset moved: ask again), 423 (busy),
     * 429 and 460 (checksum mismatch: the chunk was discarded). Not for local file errors, cancellation or
     * a refusal that will not change.
     */
    public static boolean isRetryable(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpStatusException status) {
            int s = status.status();
            return (s >= 500 && s != 501 && s != 505) || s == 408 || s == 409 || s == 423 || s == 429 || s == 460;
        }
        if (t instanceof RetriesExhaustedException || t instanceof LocalFileException) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LocalFileException) {
                return false;
            }
        }
        return t instanceof IOException;
    }

    /** The delay the server asked for, or null. */
    public static Duration retryAfter(Throwable failure) {
        return unwrap(failure) instanceof HttpStatusException status ? status.retryAfter().orElse(null) : null;
    }

    /** True if the upload no longer exists on the server (404, 410): resuming it is impossible. */
    public static boolean isGone(Throwable failure) {
        return unwrap(failure) instanceof HttpStatusException status && (status.status() == 404 || status.status() == 410);
    }

    /** The failure itself without the wrappers that futures and the HTTP client put around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The failure as an {@link IOException} to throw, rethrowing unchecked ones as they are. */
    public static IOException asIOException(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }

    /** True if the transfer was stopped on purpose (pause, abort, cancel). */
    public static boolean isCancellation(Throwable failure) {
        return unwrap(failure) instanceof CancellationException;
    }
}
