package dev.carryon.server.draft;

import dev.carryon.core.UploadInfo;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The response fields that describe an upload to a draft client: its offset, whether it is complete, its
 * length once known, and the limits that apply to it ({@code Upload-Limit}, from version 6).
 *
 * <p>An upload is complete once all the bytes of its length are stored. The draft lets a client declare a
 * length and still call the upload incomplete after its last byte; here the stored length is the same for
 * both protocols, so reaching it completes the upload whatever the request said.
 */
final class UploadState {
    private final UploadConfig config;
    private final Clock clock;

    UploadState(UploadConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Sets offset, completeness, length and limits. */
    void describe(Exchange exchange, InteropVersion version, UploadInfo info) {
        exchange.set(DraftRequest.UPLOAD_OFFSET, info.offset());
        completeness(exchange, version, info.isComplete());
        if (info.isLengthKnown()) {
            exchange.set(DraftRequest.UPLOAD_LENGTH, info.length());
        }
        limits(exchange, version, info);
    }

    static void completeness(Exchange exchange, InteropVersion version, boolean complete) {
        exchange.set(version.completenessField(), version.completenessValue(complete));
    }

    /** Sets {@code Upload-Limit} if the version has it; {@code info} may be null before an upload exists. */
    void limits(Exchange exchange, InteropVersion version, UploadInfo info) {
        String limit = limit(version, info);
        if (limit != null) {
            exchange.set(DraftRequest.UPLOAD_LIMIT, limit);
        }
    }

    /**
     * The {@code Upload-Limit} value: the maximum size if the server has one, and the remaining lifetime of
     * an unfinished upload that expires. With no limit at all it is {@code min-size=0}, since version 6 asks
     * for a value rather than an empty field. Null for versions before 6.
     */
    String limit(InteropVersion version, UploadInfo info) {
        if (!version.hasLimits()) {
            return null;
        }
        List<String> limits = new ArrayList<>();
        if (config.hasMaxSize()) {
            limits.add("max-size=" + config.maxSize());
        }
        if (info != null && !info.isComplete() && info.expiresAt() != null) {
            long seconds = Math.max(0, Duration.between(clock.instant(), info.expiresAt()).toSeconds());
            limits.add(version.lifetimeLimit() + "=" + seconds);
        }
        return limits.isEmpty() ? "min-size=0" : String.join(", ", limits);
    }
}
