package dev.carryon.core.disk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/**
 * Forces a file's written bytes to disk in the background while more bytes arrive. Without it, a large
 * append would leave gigabytes of dirty pages for the one force before the acknowledgement, and the client
 * would wait for all of them at the end; with it, that last force has at most about one interval left to
 * do.
 */
final class BackgroundFlusher {
    private final FileChannel file;
    private final long interval;
    private final LongConsumer onDurable;
    private long position;
    private long unflushed;
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    /**
     * @param start     the file position writing starts at
     * @param onDurable told, from a background thread, each position up to which the bytes are on disk
     */
    BackgroundFlusher(FileChannel file, long start, long interval, LongConsumer onDurable) {
        this.file = file;
        this.position = start;
        this.interval = interval;
        this.onDurable = onDurable;
    }

    /** Notes that {@code n} more bytes were written; starts a background force every interval. */
    void written(long n) {
        position += n;
        unflushed += n;
        if (unflushed >= interval && running.isDone()) {
            unflushed = 0;
            long target = position;
            running = CompletableFuture.runAsync(() -> {
                force();
                onDurable.accept(target);
            }, runnable -> Thread.ofVirtual().start(runnable));
        }
    }

    /** Forces everything written so far, after any background force has finished. */
    void forceAll() throws IOException {
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while forcing to disk");
        } catch (ExecutionException e) {
            // The background force failed; the force below reports the problem if it persists.
        }
        file.force(false);
        unflushed = 0;
    }

    private void force() {
        try {
            file.force(false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
