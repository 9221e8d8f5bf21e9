package dev.carryon.client.internal;

import dev.carryon.client.StreamChunk;
import dev.carryon.client.StreamListener;
import dev.carryon.client.UploadStatus;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;

/**
 * Internal: not part of the API. Sends a stream's blocks in order, each as one PATCH; after a failure it
 * asks the server for its offset and sends the rest of the block from memory. The last request declares
 * the upload's length ({@code Upload-Length} on a deferred-length upload). When retrying gives up, the bytes
 * the server does not have are handed back to the application through
 * {@link StreamListener#chunkFailed}.
 */
final class StreamSender {
    private final TusClient tus;
    private final StreamBuffer buffer;
    private final StreamListener listener;
    private final Metering metering;
    private final Backoff backoff;
    private URI url;
    private volatile long confirmed;
    private int chunks;

    StreamSender(TusClient tus, StreamBuffer buffer, StreamListener listener, Metering metering, Backoff backoff) {
        this.tus = tus;
        this.buffer = buffer;
        this.listener = listener;
        this.metering = metering;
        this.backoff = backoff;
    }

    void startAt(URI upload, long offset) {
        this.url = upload;
        this.confirmed = offset;
    }

    /** The bytes the server has confirmed. */
    long confirmed() {
        return confirmed;
    }

    /** Sends until the stream has ended and its length is declared; returns the length. */
    long sendAll(long lingerNanos) throws IOException, InterruptedException {
        boolean declared = false;
        for (StreamBuffer.Block block; (block = buffer.next(lingerNanos)) != null; ) {
            declared = send(block);
            buffer.release(block);
        }
        metering.cancellation().throwIfCancelled();
        if (!declared && buffer.ended()) {
            // The stream ended after its last bytes had gone out: an empty request declares the length.
            StreamBuffer.Block end = new StreamBuffer.Block(new byte[0], confirmed);
            end.last = true;
            send(end);
        }
        return confirmed;
    }

    /** Sends one block from the server's offset on; returns true once the upload's length is declared. */
    private boolean send(StreamBuffer.Block block) throws IOException, InterruptedException {
        StreamChunk chunk = new StreamChunk(chunks++, block.offset, block.length, block.last);
        long at = confirmed;
        boolean declared = false;
        while (at < block.end() || (block.last && !declared)) {
            int skip = (int) (at - block.offset);
            try {
                long next = tus.patch(url, at, RequestBody.of(block.data, skip, block.length - skip), null,
                        block.last ? block.end() : -1, metering);
                if (next < at || next > block.end() || (next == at && at < block.end())) {
                    throw new IOException("PATCH at " + at + " answered offset " + next);
                }
                confirm(next);
                at = next;
                declared = block.last && next == block.end();
                backoff.succeeded();
            } catch (IOException e) {
                try {
                    backoff.failed(e);
                    UploadStatus status = backoff.retryInOutage(() -> tus.head(url, metering.cancellation()));
                    if (status.offset() < block.offset || status.offset() > block.end()) {
                        throw new IOException("the server's offset " + status.offset() + " lies outside the chunk being sent ("
                                + block.offset + " to " + block.end() + ")");
                    }
                    if (status.offset() > at) {
                        backoff.succeeded(); // the failed request still delivered bytes: progress
                    }
                    confirm(status.offset());
                    at = status.offset();
                    declared = block.last && status.length() == block.end();
                } catch (IOException | RuntimeException fatal) {
                    if (!Failures.isCancellation(fatal)) {
                        giveBack(chunk, block, at, fatal);
                    }
                    throw fatal;
                }
            }
        }
        Events.call(() -> listener.chunkUploaded(chunk));
        return declared;
    }

    private void confirm(long offset) {
        metering.progress().addConfirmed(offset - confirmed);
        confirmed = offset;
    }

    /** Hands every byte the server lacks back to the application, the failed chunk first. */
    private void giveBack(StreamChunk chunk, StreamBuffer.Block block, long at, Throwable cause) {
        byte[] unsent = Arrays.copyOfRange(block.data, (int) (at - block.offset), block.length);
        Events.call(() -> listener.chunkFailed(chunk, unsent, cause));
        for (StreamBuffer.Block left : buffer.close(cause)) {
            StreamChunk next = new StreamChunk(chunks++, left.offset, left.length, false);
            byte[] bytes = Arrays.copyOf(left.data, left.length);
            Events.call(() -> listener.chunkFailed(next, bytes, cause));
        }
        if (block.last) {
            Events.call(() -> listener.completeFailed(cause));
        }
    }
}
