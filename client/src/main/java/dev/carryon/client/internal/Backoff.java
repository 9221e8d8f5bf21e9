package dev.carryon.client.internal;

import dev.carryon.client.RetriesExhaustedException;
import dev.carryon.client.RetryPolicy;
import dev.carryon.client.TransferListener;

import java.io.IOException;
import java.time.Duration;

/**
 * Internal: not part of the API. The retry state of one worker of a transfer: counts the failures of the
 * current outage, waits before each new attempt, and gives up once the policy's deadline has passed. A
 * success ends the outage. Not thread-safe: each worker has its own.
 */
public final class Backoff {
    private final RetryPolicy policy;
    private final Cancellation cancellation;
    private final TransferListener listener;
    private int attempts;
    private long firstFailureNanos;

    public Backoff(RetryPolicy policy, Cancellation cancellation, TransferListener listener) {
        this.policy = policy;
        this.cancellation = cancellation;
        this.listener = listener;
    }

    /** One attempt of a request, which may fail. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call() throws IOException, InterruptedException;
    }

    /**
     * Runs a request of its own (such as creating an upload) until it succeeds, waiting between failures as
     * {@link #failed} does; its success ends the outage.
     */
    public <T> T retry(Attempt<T> attempt) throws IOException, InterruptedException {
        T result = retryInOutage(attempt);
        succeeded();
        return result;
    }

    /**
     * Runs a request that is part of recovering from a failure (asking for the offset after a failed
     * append) until it succeeds. Its success alone does not end the outage: an append that keeps failing
     * after successful offset requests must still reach the deadline.
     */
    public <T> T retryInOutage(Attempt<T> attempt) throws IOException, InterruptedException {
        while (true) {
            try {
                return attempt.call();
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    /** The last request made progress: the next failure starts a new outage. */
    public void succeeded() {
        attempts = 0;
    }

    /**
     * Handles a failed attempt: rethrows a failure that retrying cannot fix, throws
     * {@link RetriesExhaustedException} when the deadline has passed, and otherwise waits before the caller
     * tries again.
     */
    public void failed(Throwable failure) throws IOException, InterruptedException {
        Throwable cause = Failures.unwrap(failure);
        if (Failures.isCancellation(cause)) {
            cancellation.throwIfCancelled();
        }
        if (cause instanceof TokenFailedException) {
            Events.call(() -> listener.tokenFailed(cause.getCause()));
        }
        if (!Failures.isRetryable(cause)) {
            throw Failures.asIOException(cause);
        }
        long now = System.nanoTime();
        if (attempts++ == 0) {
            firstFailureNanos = now;
        }
        Duration elapsed = Duration.ofNanos(now - firstFailureNanos);
        Duration left = policy.deadline().minus(elapsed);
        if (left.isNegative() || left.isZero()) {
            throw new RetriesExhaustedException(attempts, elapsed, cause);
        }
        Duration delay = policy.delayBefore(attempts, Failures.retryAfter(cause));
        Duration wait = delay.compareTo(left) > 0 ? left : delay;
        int attempt = attempts;
        Events.call(() -> listener.retrying(attempt, wait, cause));
        cancellation.sleep(wait);
    }
}
