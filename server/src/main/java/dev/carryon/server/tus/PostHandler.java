package dev.carryon.server.tus;

import dev.carryon.core.Concat;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.Terminatable;
import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.BodyAppender;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.Optional;

/**
 * POST (tus {@code creation}): creates an upload, possibly with its first chunk in the same request
 * ({@code creation-with-upload}), without a length yet ({@code creation-defer-length}), or as the final
 * upload of a concatenation. Everything is validated before anything is stored.
 */
final class PostHandler {
    private final UploadContext context;
    private final BodyAppender appender;

    PostHandler(UploadContext context) {
        this.context = context;
        this.appender = new BodyAppender(context);
    }

    void handle(Exchange exchange) throws IOException {
        Concat concat = ConcatHeader.parse(exchange.header(TusHeaders.UPLOAD_CONCAT), context);
        if (concat.role() != Concat.Role.NONE && !context.capabilities().concatenate()) {
            throw new UploadException(ErrorCode.INVALID_CONCAT, "This server does not concatenate uploads");
        }
        long length = concat.isFinal() ? finalLength(exchange, concat) : declaredLength(exchange);
        if (context.config().hasMaxSize() && length > context.config().maxSize()) {
            throw new UploadException(ErrorCode.UPLOAD_TOO_LARGE);
        }
        Metadata metadata = Metadata.parse(exchange.listHeader(TusHeaders.UPLOAD_METADATA));
        boolean withUpload = TusHeaders.isOffsetOctetStream(exchange.header("Content-Type"));
        if (withUpload && concat.isFinal() && exchange.hasBody()) {
            throw new UploadException(ErrorCode.MODIFY_FINAL);
        }
        if (withUpload) {
            checkFirstChunk(exchange, length);
        }

        UploadInfo info = context.store().create(UploadInfo.create(length, metadata, concat, context.clock().instant()));
        context.metrics().uploadCreated();
        exchange.set("Location", context.urlOf(exchange, info.id()));
        Upload upload = context.store().find(info.id()).orElseThrow();
        try (Lock ignored = context.lockForWriting(info.id(), exchange)) {
            if (concat.isFinal()) {
                info = context.concatenateIfReady(info);
            } else if (withUpload) {
                long end = appendFirstChunk(exchange, upload, info);
                exchange.set(TusHeaders.UPLOAD_OFFSET, end);
                info = upload.info();
            } else if (info.isComplete()) {
                context.metrics().uploadCompleted();
            }
        }
        TusState.expires(exchange, info);
        exchange.send(201);
    }

    /**
     * Appends the creation request's body. A refused body (wrong checksum, too long) refuses the whole
     * request, so the upload it would have created is removed again; a body that merely broke off keeps the
     * upload and what arrived, as any interrupted append does.
     */
    private long appendFirstChunk(Exchange exchange, Upload upload, UploadInfo info) throws IOException {
        try {
            return appender.append(exchange, upload, info, (raw, body) -> ChunkVerifier.of(
                    exchange.header(TusHeaders.UPLOAD_CHECKSUM), exchange.header("Trailer"), raw, body));
        } catch (UploadException refused) {
            if (refused.code() != ErrorCode.INSUFFICIENT_STORAGE && context.store() instanceof Terminatable t) {
                t.terminate(info.id());
                exchange.remove("Location");
            }
            throw refused;
        }
    }

    private long declaredLength(Exchange exchange) {
        String length = exchange.header(TusHeaders.UPLOAD_LENGTH);
        String defer = exchange.header(TusHeaders.UPLOAD_DEFER_LENGTH);
        if (length != null && defer != null) {
            throw new UploadException(ErrorCode.BAD_REQUEST,
                    "Send either Upload-Length or Upload-Defer-Length, not both");
        }
        if (length != null) {
            return TusHeaders.nonNegative(length, ErrorCode.INVALID_LENGTH);
        }
        if (defer == null) {
            throw new UploadException(ErrorCode.LENGTH_REQUIRED);
        }
        if (!defer.strip().equals("1")) {
            throw new UploadException(ErrorCode.INVALID_DEFER_LENGTH);
        }
        if (!(context.store() instanceof LengthDeferrable)) {
            throw new UploadException(ErrorCode.LENGTH_REQUIRED, "This server needs Upload-Length");
        }
        return UploadInfo.UNKNOWN_LENGTH;
    }

    /**
     * What can be known about the first chunk before its bytes arrive is checked before the upload is created,
     * so that a request refused for it leaves nothing behind: a malformed Upload-Checksum, and a declared body
     * longer than the upload or than the server takes.
     */
    private void checkFirstChunk(Exchange exchange, long length) {
        String checksum = exchange.header(TusHeaders.UPLOAD_CHECKSUM);
        if (checksum != null) {
            ChecksumHeader.parse(checksum);
        }
        long declared = exchange.contentLength();
        if (length != UploadInfo.UNKNOWN_LENGTH && declared > length) {
            throw new UploadException(ErrorCode.BODY_EXCEEDS_LENGTH);
        }
        if (context.config().hasMaxSize() && declared > context.config().maxSize()) {
            throw new UploadException(ErrorCode.UPLOAD_TOO_LARGE);
        }
    }

    /** A final upload's length is the sum of its parts', once they are all known. */
    private long finalLength(Exchange exchange, Concat concat) throws IOException {
        if (exchange.hasHeader(TusHeaders.UPLOAD_LENGTH) || exchange.hasHeader(TusHeaders.UPLOAD_DEFER_LENGTH)) {
            throw new UploadException(ErrorCode.INVALID_CONCAT, "A final upload takes its length from its parts");
        }
        long sum = 0;
        for (String id : concat.partIds()) {
            Optional<Upload> part = context.store().find(id);
            UploadInfo info = part.isPresent() ? part.get().info() : null;
            if (info == null || !info.concat().isPartial()) {
                throw new UploadException(ErrorCode.INVALID_CONCAT,
                        "Upload-Concat may only name existing partial uploads");
            }
            if (info.expiresAt() != null && info.expiresAt().isBefore(context.clock().instant())) {
                throw new UploadException(ErrorCode.INVALID_CONCAT, "A part of the concatenation expired");
            }
            if (sum >= 0) {
                sum = info.isLengthKnown() ? sum + info.length() : UploadInfo.UNKNOWN_LENGTH;
                if (sum < UploadInfo.UNKNOWN_LENGTH) {
                    throw new UploadException(ErrorCode.UPLOAD_TOO_LARGE);
                }
            }
        }
        return sum;
    }

}
