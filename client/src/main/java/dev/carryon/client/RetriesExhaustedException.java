package dev.carryon.client;

import java.io.IOException;
import java.time.Duration;

/**
 * A transfer gave up: it kept failing for longer than its {@link RetryPolicy#deadline()}. The cause is the
 * last failure. Everything the server confirmed before is kept there, so the transfer can be resumed later
 * from its checkpoint or resume token.
 */
public final class RetriesExhaustedException extends IOException {
    private final int attempts;
    private final Duration elapsed;

    public RetriesExhaustedException(int attempts, Duration elapsed, Throwable lastFailure) {
        super("gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                + describe(elapsed) + "; the last failure was: " + lastFailure, lastFailure);
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    /** How many attempts failed in the outage that ended the transfer. */
    public int attempts() {
        return attempts;
    }

    /** How long the transfer kept retrying before it gave up. */
    public Duration elapsed() {
        return elapsed;
    }

    private static String describe(Duration d) {
        long seconds = d.toSeconds();
        return seconds < 60 ? d.toMillis() / 1000.0 + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
