package dev.carryon.client.internal;

/**
 * Internal: not part of the API. When bytes last moved for one request, so that a request whose
 * connection silently stalled can be abandoned after the stall timeout instead of hanging.
 */
public final class Activity {
    private volatile long lastNanos = System.nanoTime();

    public void touch() {
        lastNanos = System.nanoTime();
    }

    public long idleNanos() {
        return System.nanoTime() - lastNanos;
    }
}
