package dev.carryon.server;

import dev.carryon.core.lock.Lock;
import dev.carryon.core.lock.Locker;
import dev.carryon.core.store.Expirable;
import dev.carryon.core.store.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes unfinished uploads whose time ran out, in the background. An upload busy with a request is left
 * for the next round.
 */
final class ExpirationSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpirationSweeper.class);

    private final Expirable store;
    private final Locker locker;
    private final Metrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("expiration-sweeper").factory());

    ExpirationSweeper(Expirable store, Locker locker, Metrics metrics, Clock clock, Duration every) {
        this.store = store;
        this.locker = locker;
        this.metrics = metrics;
        this.clock = clock;
        long millis = Math.max(every.toMillis(), 10);
        scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs one round; returns how many uploads it removed. */
    int sweep() {
        int removed = 0;
        try {
            for (String id : store.expiredBefore(clock.instant())) {
                Optional<Lock> lock = locker.tryAcquire(id);
                if (lock.isEmpty()) {
                    continue; // busy, so not idle after all; looked at again next round
                }
                try (Lock ignored = lock.get()) {
                    if (stillExpired(id)) {
                        store.terminate(id);
                        metrics.uploadExpired();
                        removed++;
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("expiration sweep failed", e);
        }
        return removed;
    }

    private boolean stillExpired(String id) throws java.io.IOException {
        var upload = ((UploadStore) store).find(id);
        if (upload.isEmpty()) {
            return false;
        }
        var expiresAt = upload.get().info().expiresAt();
        return expiresAt != null && expiresAt.isBefore(clock.instant());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
