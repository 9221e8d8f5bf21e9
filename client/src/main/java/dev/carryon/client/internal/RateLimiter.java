package dev.carryon.client.internal;

import java.time.Duration;

/**
 * Internal: not part of the API. Caps the rate of one transfer, shared by all its connections: each
 * {@link #acquire} books its bytes on a timeline that advances at the allowed rate and sleeps until the
 * booking is due. An idle period earns at most a short burst, so the average holds over any second.
 */
public final class RateLimiter {
    private static final long MAX_BURST_NANOS = Duration.ofMillis(50).toNanos();
    private final long bytesPerSecond;
    private final double nanosPerByte;
    private long nextFree = System.nanoTime();

    private RateLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanosPerByte = 1e9 / bytesPerSecond;
    }

    /** The most bytes to move in one step: about a tenth of a second's worth, so that waits stay short. */
    public int stepSize(int preferred) {
        return (int) Math.max(1024, Math.min(preferred, bytesPerSecond / 10));
    }

    /** A limiter for {@code bytesPerSecond}, or null (no limit) for zero or less. */
    public static RateLimiter of(long bytesPerSecond) {
        return bytesPerSecond > 0 ? new RateLimiter(bytesPerSecond) : null;
    }

    /** Waits until {@code bytes} more bytes may move; wakes early only if the transfer is cancelled. */
    public void acquire(int bytes, Cancellation cancellation) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (nextFree < now - MAX_BURST_NANOS) {
                nextFree = now - MAX_BURST_NANOS;
            }
            nextFree += (long) (bytes * nanosPerByte);
            wait = nextFree - now;
        }
        if (wait > 0) {
            cancellation.sleep(Duration.ofNanos(wait));
        }
    }
}
