package dev.carryon.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the parts of one append to its multipart upload while the following bytes still arrive: at most
 * {@code maxInFlight} parts at a time, after which {@link #submit} waits, which slows the reading of the
 * request body instead of filling memory. Parts finish in any order but are reported to the listener in
 * order, so that each report extends what counts by whole, consecutive parts.
 */
final class PartPipeline {

    /** Told of parts sent, in order and without gaps; a failure here stops the pipeline. */
    @FunctionalInterface
    interface Listener {
        void sent(List<UploadRecord.Part> consecutive) throws IOException;
    }

    private final Bucket bucket;
    private final String key;
    private final String uploadId;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final Listener listener;
    private final List<Future<?>> running = new ArrayList<>();
    private final TreeMap<Integer, UploadRecord.Part> finished = new TreeMap<>();
    private final List<UploadRecord.Part> reported = new ArrayList<>();
    private int nextToReport;
    private final ReentrantLock lock = new ReentrantLock();
    private IOException failure;

    PartPipeline(Bucket bucket, String key, String uploadId, int firstNumber, int maxInFlight,
                 ExecutorService executor, Listener listener) {
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.executor = executor;
        this.slots = new Semaphore(maxInFlight);
        this.listener = listener;
        this.nextToReport = firstNumber;
    }

    /**
     * Sends the first {@code size} bytes of {@code buffer} as part {@code number}, and closes the buffer
     * when done. Waits while too many parts are in flight; throws the failure of an earlier part.
     */
    void submit(int number, PartBuffer buffer, long size) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            buffer.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send a part");
        }
        IOException earlier = failure();
        if (earlier != null) {
            slots.release();
            buffer.close();
            throw earlier;
        }
        running.add(executor.submit(() -> {
            try (buffer) {
                finished(bucket.uploadPart(key, uploadId, number, size, buffer.body(0, size)));
            } catch (IOException | RuntimeException e) {
                failed(e instanceof IOException io ? io : new IOException("sending part " + number + " failed", e));
            } finally {
                slots.release();
            }
        }));
    }

    /** Waits for every part; returns all parts sent, in order, or throws the first failure. */
    List<UploadRecord.Part> awaitAll() throws IOException {
        awaitQuietly();
        IOException failed = failure();
        if (failed != null) {
            throw failed;
        }
        lock.lock();
        try {
            return List.copyOf(reported);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for every part to end, however it ends; for an append that is being discarded. */
    void awaitQuietly() throws InterruptedIOException {
        for (Future<?> part : running) {
            try {
                part.get();
            } catch (ExecutionException ignored) {
                // recorded as the failure by the part itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for parts to be sent");
            }
        }
    }

    /** Reports under the lock, which keeps the reports in order; a lock rather than a monitor, for virtual threads. */
    private void finished(UploadRecord.Part part) {
        lock.lock();
        try {
            finished.put(part.number(), part);
            List<UploadRecord.Part> consecutive = new ArrayList<>();
            while (finished.containsKey(nextToReport)) {
                consecutive.add(finished.remove(nextToReport++));
            }
            if (consecutive.isEmpty() || failure != null) {
                return;
            }
            listener.sent(consecutive);
            reported.addAll(consecutive);
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException("recording sent parts failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void failed(IOException e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
        } finally {
            lock.unlock();
        }
    }

    private IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }
}
