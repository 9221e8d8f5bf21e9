package dev.carryon.client.internal;

import dev.carryon.client.CompletedStream;
import dev.carryon.client.PartDataProvider;
import dev.carryon.client.StreamCheckpoint;
import dev.carryon.client.StreamChunk;
import dev.carryon.client.StreamListener;
import dev.carryon.client.StreamRequest;
import dev.carryon.client.StreamUpload;
import dev.carryon.client.TransferProgress;
import dev.carryon.client.UploadStatus;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Internal: not part of the API. A running stream upload: creates the upload with a deferred length (or
 * finds the one a checkpoint names), then sends the buffer's blocks one after another, each from the
 * server's offset after a failure, and declares the length with the last.
 */
public final class StreamUploadTransfer implements StreamUpload {
    private final ClientContext client;
    private final StreamRequest request;
    private final StreamListener listener;
    private final Map<String, String> metadata;
    private final StreamCheckpoint resumeFrom;
    private final Cancellation cancellation = new Cancellation();
    private final ProgressCounter progress;
    private final StreamBuffer buffer;
    private final StreamSender sender;
    private final CompletableFuture<URI> uploadUrl = new CompletableFuture<>();
    private final CompletableFuture<CompletedStream> completion = new CompletableFuture<>();
    private final CountDownLatch fed;
    private final Thread thread;
    private volatile URI url;
    private volatile Duration duration;
    private volatile Throwable feedFailure;

    /** Starts a stream; {@code resumeFrom} and {@code provider} continue a checkpointed one, or are null. */
    public StreamUploadTransfer(ClientContext client, StreamRequest request, StreamCheckpoint resumeFrom,
                                PartDataProvider provider) {
        this.client = client;
        this.request = request;
        this.listener = request.listener();
        this.resumeFrom = resumeFrom;
        this.metadata = resumeFrom != null ? resumeFrom.metadata() : request.metadata();
        this.progress = new ProgressCounter(-1, listener);
        this.buffer = new StreamBuffer(request.chunkSize(), request.bufferSize());
        this.sender = new StreamSender(client.tus(), buffer, listener,
                new Metering(progress, RateLimiter.of(request.bytesPerSecond()), cancellation),
                new Backoff(client.retryPolicy(), cancellation, listener));
        this.fed = new CountDownLatch(resumeFrom == null ? 0 : 1);
        if (resumeFrom != null) {
            url = resumeFrom.uploadUrl();
            duration = resumeFrom.duration();
            buffer.startAt(resumeFrom.offset());
            sender.startAt(url, resumeFrom.offset());
        }
        this.thread = Thread.ofVirtual().name("carryon-stream").start(() -> run(provider));
    }

    private void run(PartDataProvider provider) {
        try {
            Backoff backoff = new Backoff(client.retryPolicy(), cancellation, listener);
            UploadStatus found = locate(backoff);
            long offset = found == null ? 0 : found.offset();
            if (resumeFrom != null) {
                buffer.startAt(offset); // pushes wait until the resumed bytes are in, so nothing is buffered yet
            }
            sender.startAt(url, offset);
            progress.startedAt(offset);
            uploadUrl.complete(url);
            Events.call(() -> listener.transferInitiated(url));
            Events.call(() -> listener.ready(url));
            if (found != null && found.isComplete()) {
                fed.countDown();
                buffer.end();
            } else if (resumeFrom != null) {
                Thread.ofVirtual().name("carryon-stream-resume").start(() -> feed(provider, offset));
            }
            long length = sender.sendAll(request.linger().toNanos());
            cancellation.throwIfCancelled();
            if (feedFailure != null) {
                throw Failures.asIOException(feedFailure);
            }
            progress.total(length);
            CompletedStream done = new CompletedStream(url, length, duration, metadata);
            Events.call(() -> listener.complete(done));
            Events.call(() -> listener.transferComplete(progress.snapshot()));
            completion.complete(done);
        } catch (Throwable failure) {
            Throwable cause = Failures.isCancellation(failure) && cancellation.isCancelled() ? cancellation.reason()
                    : Failures.unwrap(failure);
            buffer.close(cause);
            fed.countDown();
            Events.call(() -> listener.transferFailed(cause));
            uploadUrl.completeExceptionally(cause);
            completion.completeExceptionally(cause);
        }
    }

    /** The upload to continue, or null after creating a new one (also when the server lost the old one). */
    private UploadStatus locate(Backoff backoff) throws IOException, InterruptedException {
        if (url != null) {
            try {
                return backoff.retry(() -> client.tus().head(url, cancellation));
            } catch (IOException e) {
                if (!Failures.isGone(e)) {
                    throw e;
                }
            }
        }
        if (!client.capabilities(request.endpoint(), backoff, cancellation).offers("creation-defer-length")) {
            throw new IOException("the server at " + request.endpoint()
                    + " does not offer creation-defer-length, which uploads of unknown length need");
        }
        url = backoff.retry(() -> client.tus().create(endpoint(), -1, metadata, false, cancellation));
        return null;
    }

    /** Puts back the bytes the application kept, then lets pushes in; ends the stream if the checkpoint had. */
    private void feed(PartDataProvider provider, long offset) {
        try (var in = provider == null ? null : provider.bytesFrom(url, offset)) {
            if (in != null) {
                byte[] chunk = new byte[64 * 1024];
                for (int n; (n = in.read(chunk)) != -1; ) {
                    buffer.put(chunk, 0, n);
                }
            }
            if (resumeFrom.ended()) {
                if (buffer.position() < resumeFrom.position()) {
                    throw new IOException("the stream had " + resumeFrom.position() + " bytes, but the server has "
                            + offset + " and only " + (buffer.position() - offset) + " more were supplied");
                }
                duration = resumeFrom.duration();
                buffer.end();
            }
        } catch (Throwable t) {
            feedFailure = t;
            buffer.close(t);
        } finally {
            fed.countDown();
        }
    }

    private URI endpoint() {
        return resumeFrom != null ? resumeFrom.endpoint() : request.endpoint();
    }

    @Override
    public void push(byte[] bytes, int offset, int length) throws InterruptedException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        fed.await();
        buffer.put(bytes, offset, length);
    }

    @Override
    public void end() {
        end(null);
    }

    @Override
    public void end(Duration recorded) {
        if (recorded != null) {
            duration = recorded;
        }
        awaitFed();
        buffer.end();
    }

    @Override
    public void abort() {
        if (!cancellation.cancel("the stream upload was aborted")) {
            return;
        }
        buffer.close(cancellation.reason());
        try {
            thread.join();
            if (url != null) {
                client.tus().delete(url, new Cancellation());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException deleteFailed) {
            // the server removes it when it expires
        }
    }

    @Override
    public StreamCheckpoint checkpoint(Map<String, String> extraData) {
        return new StreamCheckpoint(endpoint(), url, sender.confirmed(), buffer.position(), metadata, extraData,
                duration, buffer.ended());
    }

    @Override
    public long position() {
        return buffer.position();
    }

    @Override
    public TransferProgress progress() {
        return progress;
    }

    @Override
    public CompletableFuture<URI> uploadUrl() {
        return uploadUrl;
    }

    @Override
    public CompletableFuture<CompletedStream> completionFuture() {
        return completion;
    }

    private void awaitFed() {
        boolean interrupted = false;
        while (true) {
            try {
                fed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
