package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.BodyAppender;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;

/** PATCH: appends a chunk at the client's offset; may also declare a deferred length. */
final class PatchHandler {
    private final UploadContext context;
    private final BodyAppender appender;

    PatchHandler(UploadContext context) {
        this.context = context;
        this.appender = new BodyAppender(context);
    }

    void handle(Exchange exchange, String id) throws IOException {
        if (!TusHeaders.isOffsetOctetStream(exchange.header("Content-Type"))) {
            throw new UploadException(ErrorCode.INVALID_CONTENT_TYPE);
        }
        long offset = TusHeaders.nonNegative(exchange.header(TusHeaders.UPLOAD_OFFSET), ErrorCode.INVALID_OFFSET);
        String lengthHeader = exchange.header(TusHeaders.UPLOAD_LENGTH);
        long declaredLength = lengthHeader == null ? -1 : TusHeaders.nonNegative(lengthHeader, ErrorCode.INVALID_LENGTH);
        context.require(id);
        try (Lock ignored = context.lockForWriting(id, exchange)) {
            Upload upload = context.require(id); // again: it may have been deleted while this request waited
            UploadInfo info = upload.info();
            if (info.concat().isFinal()) {
                throw new UploadException(ErrorCode.MODIFY_FINAL);
            }
            if (offset != info.offset()) {
                exchange.set(TusHeaders.UPLOAD_OFFSET, info.offset());
                throw new UploadException(ErrorCode.OFFSET_MISMATCH, "Upload-Offset is " + offset
                        + " but the upload's offset is " + info.offset());
            }
            boolean declaring = declaredLength >= 0 && !info.isLengthKnown();
            if (declaredLength >= 0) {
                checkDeclaredLength(info, declaredLength);
            }
            // The append is bounded by the declared length; the length is stored only once the chunk is
            // accepted, so a refused request changes nothing.
            long end = appender.append(exchange, upload, declaring ? info.withLength(declaredLength) : info,
                    (raw, body) -> ChunkVerifier.of(exchange.header(TusHeaders.UPLOAD_CHECKSUM), exchange.header("Trailer"),
                            raw, body));
            if (declaring) {
                ((LengthDeferrable) context.store()).declareLength(id, declaredLength);
            }
            exchange.set(TusHeaders.UPLOAD_OFFSET, end);
            TusState.expires(exchange, upload.info());
            exchange.send(204);
        }
    }

    private void checkDeclaredLength(UploadInfo info, long length) {
        if (info.isLengthKnown()) {
            if (info.length() != length) {
                throw new UploadException(ErrorCode.LENGTH_CONFLICT);
            }
            return;
        }
        if (context.config().hasMaxSize() && length > context.config().maxSize()) {
            throw new UploadException(ErrorCode.UPLOAD_TOO_LARGE);
        }
        if (length < info.offset()) {
            throw new UploadException(ErrorCode.LENGTH_CONFLICT, "Upload-Length is less than what is stored");
        }
        if (!(context.store() instanceof LengthDeferrable)) {
            throw new UploadException(ErrorCode.LENGTH_CONFLICT);
        }
    }
}
