package dev.carryon.client.internal;

import dev.carryon.client.CompletedDownload;
import dev.carryon.client.DownloadRequest;
import dev.carryon.client.FileDownload;
import dev.carryon.client.ResumableFileDownload;
import dev.carryon.client.TransferListener;
import dev.carryon.client.TransferProgress;
import dev.carryon.client.VerificationException;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Internal: not part of the API. A running download: probes the file, continues or starts the partial
 * file, fetches its ranges (in parallel if asked), saves a checkpoint every second, verifies length and
 * digest, and moves the file into place. From a server without ranges it fetches the whole file in one
 * stream, which cannot be continued.
 */
public final class FileDownloadTransfer implements FileDownload {
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    /** A file that keeps changing while it is downloaded is given up after this many fresh starts. */
    private static final int MAX_STARTS = 3;

    private final ClientContext client;
    private final DownloadRequest request;
    private final ResumableFileDownload given;
    private final TransferListener listener;
    private final Cancellation cancellation = new Cancellation();
    private final ProgressCounter progress;
    private final Metering metering;
    private final DownloadPlanner planner;
    private final CompletableFuture<CompletedDownload> completion = new CompletableFuture<>();
    private final Thread runner;

    public FileDownloadTransfer(ClientContext client, DownloadRequest request, ResumableFileDownload given) {
        this.client = client;
        this.request = request;
        this.given = given;
        this.listener = request.listener();
        this.progress = new ProgressCounter(-1, listener);
        this.metering = new Metering(progress, RateLimiter.of(request.bytesPerSecond()), cancellation);
        this.planner = new DownloadPlanner(request, client);
        completion.whenComplete((done, failure) -> {
            if (failure != null) {
                cancellation.cancel("the download was cancelled");
            }
        });
        this.runner = Thread.ofVirtual().name("carryon-download").start(this::run);
    }

    private void run() {
        try {
            CompletedDownload done = download();
            Events.call(() -> listener.transferComplete(progress.snapshot()));
            completion.complete(done);
        } catch (Throwable failure) {
            Throwable cause = Failures.isCancellation(failure) && cancellation.isCancelled() ? cancellation.reason()
                    : Failures.unwrap(failure);
            Events.call(() -> listener.transferFailed(cause));
            completion.completeExceptionally(cause);
        } finally {
            try {
                planner.close();
            } catch (IOException ignored) {
                // the partial file stays as it is
            }
        }
    }

    private CompletedDownload download() throws IOException, InterruptedException {
        Backoff backoff = new Backoff(client.retryPolicy(), cancellation, listener);
        for (int start = 1; ; start++) {
            DownloadProbe probe = backoff.retry(() -> DownloadProbe.of(client.transport(), request.url(), cancellation));
            if (!probe.complete()) {
                throw new IOException(request.url() + " is an upload that is not complete yet; download it once it is");
            }
            progress.total(probe.length());
            if (!probe.ranges() || probe.length() < 0) {
                return whole(probe, backoff);
            }
            planner.open(probe, start == 1 ? previous() : null);
            progress.startedAt(planner.bytesDone());
            Events.call(() -> listener.transferInitiated(request.url()));
            try {
                fetchAll();
                break;
            } catch (SegmentFetcher.ChangedException changed) {
                planner.discard();
                if (start == MAX_STARTS) {
                    throw changed;
                }
            }
        }
        long length = progress.total();
        String sha256 = verify(length, backoff);
        planner.finish();
        return new CompletedDownload(request.target(), length, planner.etag(), sha256, progress.sent(),
                progress.snapshot().bytesAtStart(), progress.snapshot().elapsed());
    }

    /** A download from a server without ranges: one stream, started again from the first byte after a failure. */
    private CompletedDownload whole(DownloadProbe probe, Backoff backoff) throws IOException, InterruptedException {
        planner.open(probe, null);
        Events.call(() -> listener.transferInitiated(request.url()));
        long length = new WholeFileFetcher(client.transport(), request.url(), planner.channel(), metering, backoff).fetch();
        planner.finish();
        return new CompletedDownload(request.target(), length, probe.etag(), null, progress.sent(), 0,
                progress.snapshot().elapsed());
    }

    private ResumableFileDownload previous() {
        return given != null ? given : request.resume() ? planner.load() : null;
    }

    /** Fetches every unfinished range, saving the checkpoint as they go and once more when they stop. */
    private void fetchAll() throws IOException, InterruptedException {
        List<Parallel.Task> tasks = new ArrayList<>();
        List<ResumableFileDownload.Segment> segments = planner.segments();
        for (int i = 0; i < segments.size(); i++) {
            ResumableFileDownload.Segment s = segments.get(i);
            SegmentFetcher fetcher = new SegmentFetcher(client.transport(), request.url(), planner.etag(), s.start(),
                    s.end(), planner.done(i), planner.channel(), metering,
                    new Backoff(client.retryPolicy(), cancellation, listener));
            if (s.start() + planner.done(i).get() < s.end()) {
                tasks.add(fetcher::fetch);
            }
        }
        Thread checkpointer = Thread.ofVirtual().name("carryon-download-checkpoint").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(CHECKPOINT_EVERY);
                    planner.save();
                }
            } catch (InterruptedException stopped) {
                // the download ended
            }
        });
        try {
            if (!tasks.isEmpty()) {
                Parallel.run("carryon-download-range", tasks, cancellation);
            }
        } finally {
            checkpointer.interrupt();
            checkpointer.join();
            planner.save();
        }
    }

    /** Checks the length, and the digest if the server offers one; returns the verified SHA-256 or null. */
    private String verify(long length, Backoff backoff) throws IOException, InterruptedException {
        long size = Files.size(planner.part());
        if (size != length || planner.bytesDone() != length) {
            planner.discard();
            throw new VerificationException("the download has " + size + " bytes, the file on the server " + length);
        }
        if (!request.verify()) {
            return null;
        }
        String expected = backoff.retry(() -> DigestCheck.serverSha256(client.transport(), request.url(), cancellation));
        if (expected == null) {
            return null;
        }
        planner.close();
        String actual = DigestCheck.sha256(planner.part());
        if (!actual.equals(expected)) {
            planner.discard();
            throw new VerificationException("the download's SHA-256 is " + actual + ", the server's " + expected);
        }
        return actual;
    }

    @Override
    public TransferProgress progress() {
        return progress;
    }

    @Override
    public CompletableFuture<CompletedDownload> completionFuture() {
        return completion;
    }

    @Override
    public ResumableFileDownload pause() {
        cancellation.cancelAndAwait("the download was paused", runner);
        return planner.token();
    }
}
