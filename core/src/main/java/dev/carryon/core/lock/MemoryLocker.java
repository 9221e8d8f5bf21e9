package dev.carryon.core.lock;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Locks for a single server process, kept in memory. */
public final class MemoryLocker implements Locker {
    private final ConcurrentHashMap<String, Holder> holders = new ConcurrentHashMap<>();

    @Override
    public Lock acquire(String uploadId, Runnable onReleaseRequested, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Holder mine = new Holder(uploadId, onReleaseRequested);
        while (true) {
            Holder current = holders.putIfAbsent(uploadId, mine);
            if (current == null) {
                return mine;
            }
            current.requestRelease();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new UploadException(ErrorCode.LOCKED);
            }
            try {
                current.released.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new UploadException(ErrorCode.LOCKED);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public java.util.Optional<Lock> tryAcquire(String uploadId) {
        Holder mine = new Holder(uploadId, () -> { });
        return holders.putIfAbsent(uploadId, mine) == null ? java.util.Optional.of(mine) : java.util.Optional.empty();
    }

    @Override
    public void requestReleaseOfAll() {
        holders.values().forEach(Holder::requestRelease);
    }

    @Override
    public boolean awaitNoneHeld(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holders.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private final class Holder implements Lock {
        private final String uploadId;
        private final Runnable onReleaseRequested;
        private final AtomicBoolean asked = new AtomicBoolean();
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        Holder(String uploadId, Runnable onReleaseRequested) {
            this.uploadId = uploadId;
            this.onReleaseRequested = onReleaseRequested;
        }

        void requestRelease() {
            if (asked.compareAndSet(false, true)) {
                Thread.ofVirtual().start(onReleaseRequested);
            }
        }

        @Override
        public void close() {
            if (holders.remove(uploadId, this)) {
                released.complete(null);
            }
        }
    }
}
