package dev.carryon.core.lock;

import java.time.Duration;

/**
 * Exclusive access to one upload at a time.
 *
 * <p>A request that wants a lock someone else holds does not simply wait: it asks the holder to let go
 * (the holder's {@code onReleaseRequested} runs), because the holder is most often a request whose client
 * already gave up on a dead connection. Waiting for a network timeout would keep the client that came back
 * locked out for minutes.
 */
public interface Locker {

    /**
     * Takes the lock of {@code uploadId}, asking a current holder to release it and waiting at most
     * {@code patience} for that.
     *
     * @param onReleaseRequested run (at most once, on another thread) when a later request wants this lock;
     *                           it should make the holder finish soon and close its lock
     * @throws dev.carryon.core.UploadException {@link dev.carryon.core.ErrorCode#LOCKED} if the holder did
     *                                          not let go in time
     */
    Lock acquire(String uploadId, Runnable onReleaseRequested, Duration patience) throws InterruptedException;

    /** Takes the lock only if nobody holds it, without disturbing a holder. */
    java.util.Optional<Lock> tryAcquire(String uploadId);

    /** Asks every holder to let go, for shutdown; returns without waiting. */
    void requestReleaseOfAll();

    /** Waits up to {@code timeout} until no lock is held; true if none is. */
    boolean awaitNoneHeld(Duration timeout) throws InterruptedException;
}
