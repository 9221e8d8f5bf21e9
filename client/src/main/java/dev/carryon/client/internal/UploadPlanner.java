package dev.carryon.client.internal;

import dev.carryon.client.Fingerprint;
import dev.carryon.client.HttpStatusException;
import dev.carryon.client.ResumableFileUpload;
import dev.carryon.client.UploadRequest;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Internal: not part of the API. The plan of a file upload (which uploads on the server hold which bytes)
 * and its checkpoint: an unchanged file continues the plan an earlier run left, a changed file gets a new
 * one, and every upload created on the server is written to the checkpoint before any byte is sent to it.
 */
final class UploadPlanner {
    private static final Logger LOG = Logger.getLogger("dev.carryon.client");
    /** Parts smaller than this cost more in requests than they gain in parallelism. */
    private static final long MIN_PART_SIZE = 4L << 20;

    private final ClientContext client;
    private final UploadRequest request;
    private final Cancellation cancellation;
    private final RateLimiter limiter;
    private volatile ResumableFileUpload plan;

    UploadPlanner(ClientContext client, UploadRequest request, Cancellation cancellation) {
        this.client = client;
        this.request = request;
        this.cancellation = cancellation;
        this.limiter = RateLimiter.of(request.bytesPerSecond());
    }

    ResumableFileUpload plan() {
        return plan;
    }

    RateLimiter rateLimiter() {
        return limiter;
    }

    /** Refuses, before anything is created, what the server says it will not take. */
    void check(ServerCapabilities server, long size) throws IOException {
        if (server.maxSize() >= 0 && size > server.maxSize()) {
            throw new HttpStatusException("POST", request.endpoint(), 413, "the file has " + size
                    + " bytes, more than the server takes (" + server.maxSize() + " bytes)");
        }
        if (request.checksum() != null && !server.checksumAlgorithms().contains(request.checksum().tusName())) {
            throw new IOException("the server does not verify " + request.checksum().tusName()
                    + " checksums; it offers: " + (server.checksumAlgorithms().isEmpty() ? "none"
                    : String.join(", ", server.checksumAlgorithms())));
        }
    }

    /** Continues {@code given}, or the checkpoint of the same file, if the file is unchanged; else plans anew. */
    void start(Fingerprint file, ServerCapabilities server, ResumableFileUpload given) throws IOException {
        ResumableFileUpload previous = given != null ? given : request.resume() ? load() : null;
        if (previous != null && sameFile(previous.fingerprint(), file)) {
            plan = previous;
            return;
        }
        if (previous != null) {
            discard(previous);
        }
        plan = newPlan(file, server);
    }

    /** Forgets the current plan, whose uploads the server no longer has, for a new one. */
    void startOver(Fingerprint file, ServerCapabilities server) {
        plan = newPlan(file, server);
    }

    ResumableFileUpload newPlan(Fingerprint file, ServerCapabilities server) {
        long size = file.size();
        int count = 1;
        if (request.parallelism() > 1 && server.canConcatenate()) {
            count = (int) Math.max(1, Math.min(request.parallelism(), size / MIN_PART_SIZE));
        }
        List<ResumableFileUpload.Part> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = size * i / count;
            parts.add(new ResumableFileUpload.Part(null, start, size * (i + 1) / count - start));
        }
        return new ResumableFileUpload(file, request.endpoint(), null, parts, request.metadata(), request.chunkSize(),
                request.checksum(), 0);
    }

    /**
     * Creates the uploads the plan lacks, and for a parallel upload on a server that joins unfinished parts
     * the final upload too, so that the file has its URL before its bytes are sent.
     */
    void createMissing(ServerCapabilities server, Backoff backoff) throws IOException, InterruptedException {
        boolean parallel = plan.isParallel();
        for (int i = 0; i < plan.parts().size(); i++) {
            ResumableFileUpload.Part part = plan.parts().get(i);
            if (part.url() == null) {
                URI url = backoff.retry(() -> client.tus().create(request.endpoint(), part.length(),
                        parallel ? Map.of() : plan.metadata(), parallel, cancellation));
                plan = plan.withPartUrl(i, url);
                save();
            }
        }
        if (parallel && plan.uploadUrl() == null && server.canConcatenateUnfinished()) {
            createFinal(backoff);
        }
    }

    /** Creates the final upload that joins the parts, with the file's metadata. */
    URI createFinal(Backoff backoff) throws IOException, InterruptedException {
        List<URI> parts = plan.parts().stream().map(ResumableFileUpload.Part::url).toList();
        URI url = backoff.retry(() -> client.tus().createFinal(request.endpoint(), parts, plan.metadata(), cancellation));
        plan = plan.withUploadUrl(url);
        save();
        return url;
    }

    /** The file is complete on the server: nothing is left to resume. */
    void finished() {
        try {
            client.checkpoints().remove(key());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the checkpoint of " + request.file(), e);
        }
    }

    private ResumableFileUpload load() {
        try {
            return client.checkpoints().load(key()).map(ResumableFileUpload::fromJson).orElse(null);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable checkpoint of " + request.file(), e);
            return null;
        }
    }

    private void save() {
        try {
            client.checkpoints().save(key(), plan.toJson());
        } catch (IOException e) {
            // The upload goes on; only resuming it after this process ends becomes impossible.
            LOG.log(Level.WARNING, "could not save the checkpoint of " + request.file(), e);
        }
    }

    /** The file changed: its old uploads can never be completed, so they are deleted (if the server lets us). */
    private void discard(ResumableFileUpload stale) {
        finished();
        List<URI> urls = new ArrayList<>(stale.parts().stream().map(ResumableFileUpload.Part::url).toList());
        if (stale.isParallel()) {
            urls.add(stale.uploadUrl());
        }
        for (URI url : urls) {
            if (url != null) {
                try {
                    client.tus().delete(url, cancellation);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "could not delete the stale upload " + url, e);
                }
            }
        }
    }

    private String key() {
        return "upload " + request.endpoint() + " " + request.file().toAbsolutePath().normalize();
    }

    private static boolean sameFile(Fingerprint a, Fingerprint b) {
        return a.size() == b.size() && a.modifiedTime() == b.modifiedTime() && a.sampleSha256().equals(b.sampleSha256());
    }
}
