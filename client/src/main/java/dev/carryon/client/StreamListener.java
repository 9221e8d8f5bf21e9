package dev.carryon.client;

import java.net.URI;

/**
 * Receives the events of a {@link StreamUpload}, in addition to those of every transfer. Every method does
 * nothing by default. Called from the stream's sending thread, one at a time; keep them short.
 */
public interface StreamListener extends TransferListener {

    /** The upload exists on the server at {@code uploadUrl}; pushed bytes are being sent there. */
    default void ready(URI uploadUrl) {
    }

    /** A chunk is stored: the server confirmed its bytes, and the stream has let go of them. */
    default void chunkUploaded(StreamChunk chunk) {
    }

    /**
     * A chunk could not be stored, and retrying gave up. {@code unsent} holds the bytes of the chunk the
     * server does not have (the chunk's end part; all of it if nothing arrived), so that the application can
     * keep them and supply them when it resumes from a {@link StreamUpload#checkpoint()}. It is called for
     * every chunk still buffered, in order, after which the stream has failed.
     */
    default void chunkFailed(StreamChunk chunk, byte[] unsent, Throwable cause) {
    }

    /** The stream ended and every byte is stored: the upload is complete. */
    default void complete(CompletedStream stream) {
    }

    /** The request that completes the upload (declaring its length) failed; resume from a checkpoint to finish. */
    default void completeFailed(Throwable cause) {
    }
}
