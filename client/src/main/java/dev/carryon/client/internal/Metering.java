package dev.carryon.client.internal;

/**
 * Internal: not part of the API. What every byte of a transfer passes through on its way to or from the
 * network: the progress count, the rate limit, the stall clock of its request and the transfer's stop
 * signal.
 *
 * @param progress     counts bytes sent
 * @param limiter      the transfer's rate limit, or null
 * @param cancellation the transfer's stop signal
 */
public record Metering(ProgressCounter progress, RateLimiter limiter, Cancellation cancellation) {

    /**
     * Accounts for {@code n} bytes that just moved on a request whose stall clock is {@code activity}:
     * waits as the rate limit requires, then counts them.
     */
    public void moved(int n, Activity activity) throws InterruptedException {
        activity.touch();
        if (limiter != null) {
            limiter.acquire(n, cancellation);
            activity.touch();
        }
        progress.addSent(n);
    }
}
