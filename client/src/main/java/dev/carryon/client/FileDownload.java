package dev.carryon.client;

import java.util.concurrent.CompletableFuture;

/** A download in progress. It runs by itself from the moment it is returned; this handle observes and controls it. */
public interface FileDownload {

    /** The live progress; bytes count as confirmed once written to the partial file. */
    TransferProgress progress();

    /**
     * Completes when the file is complete, verified and in place; fails with a {@link RetriesExhaustedException},
     * {@link HttpStatusException}, {@link VerificationException} or other {@link java.io.IOException}, or with a
     * {@link java.util.concurrent.CancellationException} after {@link #pause()}. Cancelling it pauses the download.
     */
    CompletableFuture<CompletedDownload> completionFuture();

    /**
     * Stops the download, keeping the partial file, and returns what is needed to continue it with
     * {@link CarryonClient#resumeDownload(ResumableFileDownload)}. Returns when the download has stopped.
     */
    ResumableFileDownload pause();
}
