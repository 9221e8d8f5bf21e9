package dev.carryon.client.internal;

import dev.carryon.client.CompletedUpload;
import dev.carryon.client.FileUpload;
import dev.carryon.client.Fingerprint;
import dev.carryon.client.ResumableFileUpload;
import dev.carryon.client.TransferListener;
import dev.carryon.client.TransferProgress;
import dev.carryon.client.UploadRequest;
import dev.carryon.client.UploadStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Internal: not part of the API. A running file upload: finds or plans the upload, creates on the server
 * what does not exist yet (saving a checkpoint after each creation), sends each part from the server's
 * offset, joins the parts, and removes the checkpoint when the file is complete.
 */
public final class FileUploadTransfer implements FileUpload {
    private final ClientContext client;
    private final UploadRequest request;
    private final ResumableFileUpload given;
    private final TransferListener listener;
    private final Cancellation cancellation = new Cancellation();
    private final ProgressCounter progress;
    private final CompletableFuture<URI> uploadUrl = new CompletableFuture<>();
    private final CompletableFuture<CompletedUpload> completion = new CompletableFuture<>();
    private final UploadPlanner planner;
    private final Thread runner;

    /** Starts uploading; {@code given} is a token to continue, or null to look for a checkpoint. */
    public FileUploadTransfer(ClientContext client, UploadRequest request, ResumableFileUpload given) {
        this.client = client;
        this.request = request;
        this.given = given;
        this.listener = request.listener();
        this.progress = new ProgressCounter(-1, listener);
        this.planner = new UploadPlanner(client, request, cancellation);
        completion.whenComplete((done, failure) -> {
            if (failure != null) {
                cancellation.cancel("the upload was cancelled"); // completion.cancel() pauses the upload
            }
        });
        this.runner = Thread.ofVirtual().name("carryon-upload").start(this::run);
    }

    private void run() {
        try {
            CompletedUpload done = upload();
            Events.call(() -> listener.transferComplete(progress.snapshot()));
            completion.complete(done);
        } catch (Throwable failure) {
            Throwable cause = Failures.isCancellation(failure) && cancellation.isCancelled() ? cancellation.reason()
                    : Failures.unwrap(failure);
            Events.call(() -> listener.transferFailed(cause));
            uploadUrl.completeExceptionally(cause);
            completion.completeExceptionally(cause);
        }
    }

    private CompletedUpload upload() throws IOException, InterruptedException {
        Backoff backoff = new Backoff(client.retryPolicy(), cancellation, listener);
        Fingerprint file = Fingerprint.of(request.file());
        progress.total(file.size());
        ServerCapabilities server = client.capabilities(request.endpoint(), backoff, cancellation);
        planner.check(server, file.size());
        planner.start(file, server, given);
        long[] offsets;
        try {
            offsets = createAndLocate(server, backoff);
        } catch (HttpGone gone) {
            planner.startOver(file, server); // the server dropped the unfinished upload: a new one it is
            offsets = createAndLocate(server, backoff);
        }
        progress.startedAt(sum(offsets));
        sendParts(offsets);
        URI whole = planner.plan().uploadUrl();
        if (planner.plan().isParallel()) {
            if (whole == null) {
                whole = planner.createFinal(backoff);
                announce(whole);
            }
            checkJoined(whole, file.size(), backoff);
        }
        planner.finished();
        return new CompletedUpload(whole, file.size(), progress.sent(), progress.snapshot().bytesAtStart(),
                progress.snapshot().elapsed());
    }

    /** Creates what is missing, announces the URL when there is one, and returns each part's server offset. */
    private long[] createAndLocate(ServerCapabilities server, Backoff backoff) throws IOException, InterruptedException {
        planner.createMissing(server, backoff);
        if (planner.plan().uploadUrl() != null) {
            announce(planner.plan().uploadUrl());
        }
        List<ResumableFileUpload.Part> parts = planner.plan().parts();
        long[] offsets = new long[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            try {
                offsets[i] = uploader(i, backoff).serverOffset();
            } catch (IOException e) {
                if (Failures.isGone(e)) {
                    throw new HttpGone();
                }
                throw e;
            }
        }
        return offsets;
    }

    private void sendParts(long[] offsets) throws IOException, InterruptedException {
        List<Parallel.Task> tasks = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            int index = i;
            if (offsets[i] < planner.plan().parts().get(i).length()) {
                tasks.add(() -> uploader(index, new Backoff(client.retryPolicy(), cancellation, listener)).upload(offsets[index]));
            }
        }
        if (!tasks.isEmpty()) {
            Parallel.run("carryon-upload-part", tasks, cancellation);
        }
    }

    private PartUploader uploader(int index, Backoff backoff) {
        ResumableFileUpload.Part part = planner.plan().parts().get(index);
        return new PartUploader(client.tus(), part.url(), new FileRange(request.file(), part.start(), part.length()),
                request.chunkSize(), request.checksum(),
                new Metering(progress, planner.rateLimiter(), cancellation), backoff);
    }

    /** The final upload is joined once its parts are complete; a HEAD makes the server do it and says so. */
    private void checkJoined(URI whole, long size, Backoff backoff) throws IOException, InterruptedException {
        UploadStatus status = backoff.retry(() -> client.tus().head(whole, cancellation));
        if (!status.isComplete() || status.length() != size) {
            throw new IOException("the server did not join the parts of " + whole + ": offset " + status.offset()
                    + ", length " + status.length() + ", expected " + size);
        }
    }

    private void announce(URI url) {
        if (uploadUrl.complete(url)) {
            Events.call(() -> listener.transferInitiated(url));
        }
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
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
    public CompletableFuture<CompletedUpload> completionFuture() {
        return completion;
    }

    @Override
    public ResumableFileUpload pause() {
        cancellation.cancelAndAwait("the upload was paused", runner);
        ResumableFileUpload plan = planner.plan();
        if (plan == null) {
            try {
                plan = planner.newPlan(Fingerprint.of(request.file()), ServerCapabilities.MINIMAL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return plan.withBytesConfirmed(progress.confirmed());
    }

    /** An upload of the plan no longer exists on the server. */
    private static final class HttpGone extends IOException {
        HttpGone() {
            super("the upload no longer exists on the server");
        }
    }
}
