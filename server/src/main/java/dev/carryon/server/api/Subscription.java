package dev.carryon.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One listener's interest in some uploads. It keeps only the latest state of each upload it has not yet
 * taken, so a slow listener costs one small record per upload, never a growing queue: it skips states, not
 * the last one.
 */
final class Subscription implements AutoCloseable {
    private final ProgressHub hub;
    private final Set<String> ids;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<String, ProgressState> pending = new LinkedHashMap<>();
    private boolean ended;

    Subscription(ProgressHub hub, Set<String> ids) {
        this.hub = hub;
        this.ids = Set.copyOf(ids);
    }

    Set<String> ids() {
        return ids;
    }

    void offer(ProgressState state) {
        lock.lock();
        try {
            pending.put(state.id(), state);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Says that no more states will come (the server is stopping). */
    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The states that arrived since the last call, waiting up to {@code timeoutMillis} for one; empty after
     * the timeout; null once the subscription has ended and nothing is left.
     */
    List<ProgressState> take(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (pending.isEmpty() && !ended && nanos > 0) {
                nanos = arrived.awaitNanos(nanos);
            }
            if (pending.isEmpty()) {
                return ended ? null : List.of();
            }
            List<ProgressState> states = new ArrayList<>(pending.values());
            pending.clear();
            return states;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        hub.unsubscribe(this);
    }
}
