package dev.carryon.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A file upload in progress. It runs by itself from the moment it is returned; this handle observes and
 * controls it.
 */
public interface FileUpload {

    /** The live progress. */
    TransferProgress progress();

    /** Completes with the URL of the upload as soon as it exists on the server (before the bytes are sent). */
    CompletableFuture<URI> uploadUrl();

    /**
     * Completes when every byte is confirmed by the server; fails with a {@link RetriesExhaustedException},
     * an {@link HttpStatusException} or another {@link java.io.IOException}, or with a
     * {@link java.util.concurrent.CancellationException} after {@link #pause()}. Cancelling this future
     * pauses the upload.
     */
    CompletableFuture<CompletedUpload> completionFuture();

    /**
     * Stops the upload at once, keeping on the server whatever it confirmed, and returns what is needed to
     * continue it with {@link CarryonClient#resumeUpload(ResumableFileUpload)}. Returns when the upload has
     * stopped. Calling it again, or after completion, returns the same kind of token.
     */
    ResumableFileUpload pause();
}
