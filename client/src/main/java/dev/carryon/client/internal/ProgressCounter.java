package dev.carryon.client.internal;

import dev.carryon.client.ProgressSnapshot;
import dev.carryon.client.TransferListener;
import dev.carryon.client.TransferProgress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: not part of the API. The live progress of one transfer, updated by all its threads, reporting
 * each change to the listener.
 */
public final class ProgressCounter implements TransferProgress {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final TransferListener listener;
    private final long startNanos = System.nanoTime();
    private volatile long total;
    private volatile long atStart;

    public ProgressCounter(long total, TransferListener listener) {
        this.total = total;
        this.listener = listener;
    }

    /** Records bytes found confirmed when the run began (they count as confirmed, not as sent). */
    public void startedAt(long alreadyConfirmed) {
        confirmed.set(alreadyConfirmed);
        atStart = alreadyConfirmed;
    }

    public void total(long bytes) {
        total = bytes;
    }

    public long total() {
        return total;
    }

    public void addSent(long bytes) {
        sent.addAndGet(bytes);
        Events.call(() -> listener.bytesSent(snapshot()));
    }

    public void addConfirmed(long bytes) {
        if (bytes != 0) {
            confirmed.addAndGet(bytes);
            Events.call(() -> listener.bytesConfirmed(snapshot()));
        }
    }

    public long sent() {
        return sent.get();
    }

    public long confirmed() {
        return confirmed.get();
    }

    @Override
    public ProgressSnapshot snapshot() {
        return new ProgressSnapshot(sent.get(), confirmed.get(), atStart, total,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
