package dev.carryon.client.internal;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Internal: not part of the API. The stop signal of one transfer: pause, abort or cancel set it once, and
 * every thread of the transfer notices it at its next check, request poll or sleep.
 */
public final class Cancellation {
    private final CountDownLatch signal = new CountDownLatch(1);
    private volatile CancellationException reason;

    /** Stops the transfer; the first reason wins. Returns true if this call stopped it. */
    public boolean cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            reason = new CancellationException(why);
        }
        signal.countDown();
        return true;
    }

    /**
     * Stops the transfer and waits until {@code runner}, the thread that carries it, has ended; an interrupt
     * ends the wait early and is kept for the caller.
     */
    public void cancelAndAwait(String why, Thread runner) {
        cancel(why);
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** The reason given to {@link #cancel}, or null. */
    public CancellationException reason() {
        return reason;
    }

    /** Throws a fresh {@link CancellationException} if the transfer was stopped. */
    public void throwIfCancelled() {
        CancellationException r = reason;
        if (r != null) {
            throw (CancellationException) new CancellationException(r.getMessage()).initCause(r);
        }
    }

    /** Sleeps for {@code delay}, waking at once if the transfer is stopped meanwhile (then throws). */
    public void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero() && !delay.isNegative()) {
            signal.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        throwIfCancelled();
    }
}
