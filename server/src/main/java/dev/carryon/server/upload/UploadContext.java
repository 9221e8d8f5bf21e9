package dev.carryon.server.upload;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadIds;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.lock.Locker;
import dev.carryon.core.store.Concatenatable;
import dev.carryon.core.store.Upload;
import dev.carryon.core.store.UploadStore;
import dev.carryon.server.Metrics;
import dev.carryon.server.http.Exchange;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * What the handlers of both upload protocols share: the store, locks, settings, and the steps several of
 * them take. An upload is the same upload whichever protocol created or continues it.
 */
public final class UploadContext {
    /**
     * How long a request asked to give up an upload may go on receiving before its connection is closed:
     * it stops by itself as soon as no more bytes are waiting, which keeps every byte that already arrived.
     */
    public static final Duration RELEASE_GRACE = Duration.ofMillis(500);

    private final UploadStore store;
    private final Locker locker;
    private final UploadConfig config;
    private final Capabilities capabilities;
    private final Metrics metrics;
    private final Clock clock;

    public UploadContext(UploadStore store, Locker locker, UploadConfig config, Metrics metrics, Clock clock) {
        this.store = store;
        this.locker = locker;
        this.config = config;
        this.capabilities = Capabilities.of(store);
        this.metrics = metrics;
        this.clock = clock;
    }

    public UploadStore store() {
        return store;
    }

    public UploadConfig config() {
        return config;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }

    /** The upload id in a request path, or null if the path does not name one. */
    public String idIn(String path) {
        if (!path.startsWith(config.basePath())) {
            return null;
        }
        String id = path.substring(config.basePath().length());
        return UploadIds.isValid(id) ? id : null;
    }

    public String urlOf(Exchange exchange, String id) {
        return exchange.absoluteUrl(config.basePath() + id);
    }

    /** The upload, or a 404 if it does not exist and a 410 if it expired. */
    public Upload require(String id) throws IOException {
        if (id == null) {
            throw new UploadException(ErrorCode.NOT_FOUND);
        }
        Upload upload = store.find(id).orElseThrow(() -> new UploadException(ErrorCode.NOT_FOUND));
        UploadInfo info = upload.info();
        if (info.expiresAt() != null && info.expiresAt().isBefore(clock.instant())) {
            throw new UploadException(ErrorCode.GONE);
        }
        return upload;
    }

    /**
     * Takes the upload's lock. A request holding it is asked to let go through {@code onReleaseRequested},
     * typically by cutting its stalled connection.
     */
    public Lock lock(String id, Runnable onReleaseRequested) throws IOException {
        try {
            return locker.acquire(id, onReleaseRequested, config.lockPatience());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the upload lock");
        }
    }

    /**
     * Takes the lock for a request that writes to the upload: if a newer request for the same upload
     * arrives meanwhile, this one stops reading its body (keeping what arrived) so the newer one can go on.
     */
    public Lock lockForWriting(String id, Exchange exchange) throws IOException {
        return lock(id, () -> {
            metrics.lockReleasedOnRequest();
            exchange.endReadingSoon(RELEASE_GRACE);
        });
    }

    /**
     * The upload's current state, with a final upload joined first if its parts have all completed since it
     * was created.
     */
    public UploadInfo current(Upload upload) throws IOException {
        UploadInfo info = upload.info();
        if (!info.concat().isFinal() || info.isComplete()) {
            return info;
        }
        try (Lock ignored = lock(info.id(), () -> { })) {
            return concatenateIfReady(upload.info());
        }
    }

    /**
     * Finishes a final upload whose parts are all complete (with {@code concatenation-unfinished} the parts
     * may complete after the final upload was created). Call while holding the final upload's lock.
     */
    public UploadInfo concatenateIfReady(UploadInfo info) throws IOException {
        if (!info.concat().isFinal() || info.isComplete()) {
            return info;
        }
        for (String part : info.concat().partIds()) {
            var upload = store.find(part);
            if (upload.isEmpty()) {
                throw new UploadException(ErrorCode.INVALID_CONCAT, "A part of the concatenation no longer exists");
            }
            if (!upload.get().info().isComplete()) {
                return info;
            }
        }
        UploadInfo done = ((Concatenatable) store).concatenate(info.id());
        metrics.uploadCompleted();
        return done;
    }
}
