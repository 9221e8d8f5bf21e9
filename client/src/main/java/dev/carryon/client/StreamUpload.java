package dev.carryon.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An upload of a stream whose length is not known while it is being produced: a recording, standard input.
 * The application {@link #push pushes} bytes as they come; the stream sends them in chunks to an upload
 * created with a deferred length, and declares the length with the last chunk after {@link #end()}.
 *
 * <p>Memory is bounded: the stream buffers at most {@link StreamRequest#bufferSize()} bytes, and
 * {@code push} blocks while the buffer is full (backpressure). Bytes stay in the buffer until the server
 * confirms them, so a failed request is repeated from memory. Safe for use by several threads, though
 * bytes are appended in the order the {@code push} calls take place.
 */
public interface StreamUpload {

    /** Appends bytes to the stream, blocking while the buffer is full. The array may be reused on return. */
    void push(byte[] bytes, int offset, int length) throws InterruptedException;

    /** Appends all of {@code bytes}. */
    default void push(byte[] bytes) throws InterruptedException {
        push(bytes, 0, bytes.length);
    }

    /** Ends the stream: what is buffered is sent, and the last request declares the upload's length. */
    void end();

    /** Ends the stream and records how long the recording lasted; the duration goes into checkpoints and the result. */
    void end(Duration duration);

    /** Stops at once, discards the buffer and deletes the upload on the server. */
    void abort();

    /** A checkpoint to resume this stream later (see {@link CarryonClient#resumeStream}). */
    default StreamCheckpoint checkpoint() {
        return checkpoint(Map.of());
    }

    /** A checkpoint carrying the application's own data along, e.g. the recording's title. */
    StreamCheckpoint checkpoint(Map<String, String> extraData);

    /** The number of bytes in the stream so far: those pushed, plus any the stream resumed from. */
    long position();

    /** The live progress; its total is known once the stream has ended. */
    TransferProgress progress();

    /** Completes with the upload's URL once it exists (the {@link StreamListener#ready} event). */
    CompletableFuture<URI> uploadUrl();

    /** Completes when the upload is complete; fails if it failed or was aborted. */
    CompletableFuture<CompletedStream> completionFuture();
}
