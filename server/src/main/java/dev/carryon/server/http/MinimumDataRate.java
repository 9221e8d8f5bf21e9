package dev.carryon.server.http;

import java.time.Duration;

/**
 * The slowest a request body may arrive: at least {@code bytesPerSecond × window} bytes in every
 * {@code window} after its first byte was asked for. A body that falls below is ended like a broken
 * connection (what arrived is kept), so a client that drips bytes cannot hold a connection, a thread and an
 * upload's lock for ever. Measured over a window rather than per read, so that a network that pauses for a
 * moment, or a client that sends in bursts, is not cut off.
 *
 * @param bytesPerSecond the minimum average rate; 0 turns the check off
 * @param window         how long each measurement lasts
 */
public record MinimumDataRate(long bytesPerSecond, Duration window) {
    /** No minimum: only the idle timeout ends a slow body. */
    public static final MinimumDataRate NONE = new MinimumDataRate(0, Duration.ofSeconds(30));

    public MinimumDataRate {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("the minimum data rate cannot be negative");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the data rate window must be positive");
        }
    }

    public boolean enabled() {
        return bytesPerSecond > 0;
    }

    /** The bytes each window must bring. */
    long bytesPerWindow() {
        return Math.max(1, bytesPerSecond * window.toMillis() / 1000);
    }

    @Override
    public String toString() {
        return enabled() ? bytesPerSecond + " B/s over " + window : "none";
    }
}
