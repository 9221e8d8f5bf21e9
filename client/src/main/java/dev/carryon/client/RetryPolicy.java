package dev.carryon.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a transfer retries after a failure it can recover from: a connection error or timeout, a {@code 5xx},
 * {@code 408}, {@code 409}, {@code 423}, {@code 429} or {@code 460}. Delays grow exponentially from
 * {@link #initialDelay()} by {@link #multiplier()} up to {@link #maxDelay()}, each with random jitter (between
 * half and all of the computed delay) so that many clients cut off together do not come back together. A
 * {@code Retry-After} from the server lengthens a delay, never shortens it.
 *
 * <p>{@link #deadline()} bounds one outage: it counts from the first failure after the last success, and a
 * request that makes progress starts the count anew. When it has passed, the transfer fails with a
 * {@link RetriesExhaustedException} that names the number of attempts and the last failure. A long
 * transfer over a flaky network therefore never gives up while bytes keep arriving, and a dead server is
 * reported after {@code deadline}.
 *
 * <p>Immutable; the {@code with…} methods return copies.
 *
 * @param initialDelay the delay before the first retry
 * @param maxDelay     the longest delay between two attempts
 * @param multiplier   the growth of the delay from one attempt to the next, at least 1
 * @param deadline     how long to keep retrying after the first failure; zero never retries
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, double multiplier, Duration deadline) {
    /** 200 ms doubling up to 30 s, for at most 10 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0,
            Duration.ofMinutes(10));

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(deadline, "deadline");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || deadline.isNegative()) {
            throw new IllegalArgumentException("delays and deadline must be non-negative, maxDelay >= initialDelay");
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /** A policy that never retries: the first failure fails the transfer. */
    public static RetryPolicy none() {
        return new RetryPolicy(Duration.ZERO, Duration.ZERO, 1, Duration.ZERO);
    }

    public RetryPolicy withInitialDelay(Duration delay) {
        return new RetryPolicy(delay, maxDelay.compareTo(delay) < 0 ? delay : maxDelay, multiplier, deadline);
    }

    public RetryPolicy withMaxDelay(Duration delay) {
        return new RetryPolicy(initialDelay, delay, multiplier, deadline);
    }

    public RetryPolicy withMultiplier(double factor) {
        return new RetryPolicy(initialDelay, maxDelay, factor, deadline);
    }

    public RetryPolicy withDeadline(Duration giveUpAfter) {
        return new RetryPolicy(initialDelay, maxDelay, multiplier, giveUpAfter);
    }

    /**
     * The delay before retry number {@code attempt} (1 for the first retry), jittered, and at least
     * {@code retryAfter} when the server asked for that.
     */
    public Duration delayBefore(int attempt, Duration retryAfter) {
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(nanos, maxDelay.toNanos());
        long jittered = capped / 2 + (capped < 2 ? 0 : ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        Duration delay = Duration.ofNanos(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }
}
