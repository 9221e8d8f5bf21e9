package dev.carryon.server.tus;

import dev.carryon.core.Concat;
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
import java.util.stream.Collectors;

/** What the tus method handlers share: the store, locks, settings, and the steps several of them take. */
final class TusContext {
    /**
     * How long a request asked to give up an upload may go on receiving before its connection is closed:
     * it stops by itself as soon as no more bytes are waiting, which keeps every byte that already arrived.
     */
    static final Duration RELEASE_GRACE = Duration.ofMillis(500);

    final UploadStore store;
    final Locker locker;
    final TusConfig config;
    final Capabilities capabilities;
    final Metrics metrics;
    final Clock clock;

    TusContext(UploadStore store, Locker locker, TusConfig config, Metrics metrics, Clock clock) {
        this.store = store;
        this.locker = locker;
        this.config = config;
        this.capabilities = Capabilities.of(store);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The upload id in a request path, or null if the path does not name one. */
    String idIn(String path) {
        if (!path.startsWith(config.basePath())) {
            return null;
        }
        String id = path.substring(config.basePath().length());
        return UploadIds.isValid(id) ? id : null;
    }

    String urlOf(Exchange exchange, String id) {
        return exchange.absoluteUrl(config.basePath() + id);
    }

    /** The upload, or a 404 if it does not exist and a 410 if it expired. */
    Upload require(String id) throws IOException {
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
    Lock lock(String id, Runnable onReleaseRequested) throws IOException {
        try {
            return locker.acquire(id, onReleaseRequested, config.lockPatience());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the upload lock");
        }
    }

    /**
     * The upload's current state, with a final upload joined first if its parts have all completed since it
     * was created.
     */
    UploadInfo current(Upload upload) throws IOException {
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
    UploadInfo concatenateIfReady(UploadInfo info) throws IOException {
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

    /** Sets the headers that describe an upload's state, as HEAD and the creation response send them. */
    void describe(Exchange exchange, UploadInfo info) {
        boolean unfinishedFinal = info.concat().isFinal() && !info.isComplete();
        if (!unfinishedFinal) {
            exchange.set(TusHeaders.UPLOAD_OFFSET, info.offset());
        }
        if (info.isLengthKnown()) {
            exchange.set(TusHeaders.UPLOAD_LENGTH, info.length());
        } else if (!info.concat().isFinal()) {
            exchange.set(TusHeaders.UPLOAD_DEFER_LENGTH, "1");
        }
        if (!info.metadata().isEmpty()) {
            exchange.set(TusHeaders.UPLOAD_METADATA, info.metadata().toHeader());
        }
        if (info.concat().role() != Concat.Role.NONE) {
            exchange.set(TusHeaders.UPLOAD_CONCAT, concatHeader(info.concat()));
        }
        expires(exchange, info);
    }

    void expires(Exchange exchange, UploadInfo info) {
        if (info.expiresAt() != null) {
            exchange.set(TusHeaders.UPLOAD_EXPIRES, TusHeaders.httpDate(info.expiresAt()));
        }
    }

    private String concatHeader(Concat concat) {
        if (concat.isPartial()) {
            return "partial";
        }
        return "final;" + concat.partIds().stream().map(id -> config.basePath() + id)
                .collect(Collectors.joining(" "));
    }
}
