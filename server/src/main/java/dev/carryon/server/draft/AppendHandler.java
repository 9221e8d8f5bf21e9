package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Upload append: a PATCH with the content to add at {@code Upload-Offset}. A stale request still appending to
 * the upload is ended first, keeping what it delivered. An append to a completed upload, or at the wrong
 * offset, is refused before its content is read, and changes nothing. A request that completes the upload
 * gets the description of the stored file; any other answer says the upload is still incomplete.
 */
final class AppendHandler {
    private final UploadContext context;
    private final UploadState state;
    private final DraftAppender appender;
    private final Completion completion;

    AppendHandler(UploadContext context, UploadState state) {
        this.context = context;
        this.state = state;
        this.appender = new DraftAppender(context);
        this.completion = new Completion(context);
    }

    void handle(Exchange exchange, InteropVersion version, String id) throws IOException {
        DraftRequest request = DraftRequest.read(exchange, version).requireCompleteness();
        if (version.requiresPartialUploadType() && !isPartialUpload(exchange.header("Content-Type"))) {
            throw new UploadException(ErrorCode.INVALID_CONTENT_TYPE,
                    "PATCH requests must have Content-Type: " + DraftRequest.PARTIAL_UPLOAD);
        }
        if (request.offset() < 0) {
            throw new UploadException(ErrorCode.INVALID_OFFSET, "Upload-Offset is required");
        }
        ContentDigest.of(exchange.header(ContentDigest.FIELD));
        ReprDigest.wanted(exchange.header(ReprDigest.WANT_FIELD));
        context.require(id);
        UploadInfo info;
        try (Lock ignored = context.lockForWriting(id, exchange)) {
            Upload upload = context.require(id); // again: it may have been deleted while this request waited
            info = upload.info();
            if (info.isComplete()) {
                throw new Problem.Refusal(ErrorCode.UPLOAD_COMPLETED, version.completedUpload(request.isEmpty()));
            }
            if (info.concat().isFinal()) {
                throw new UploadException(ErrorCode.MODIFY_FINAL); // its parts are still being uploaded
            }
            UploadState.completeness(exchange, version, false);
            if (request.offset() != info.offset()) {
                exchange.set(DraftRequest.UPLOAD_OFFSET, info.offset());
                throw new Problem.Refusal(ErrorCode.OFFSET_MISMATCH,
                        Problem.mismatchingOffset(info.offset(), request.offset()));
            }
            info = appender.append(exchange, upload, info, request);
        }
        state.describe(exchange, version, info);
        if (info.isComplete()) {
            completion.send(exchange, 200, info,
                    request.offset() == 0 ? CreationHandler.wholeFileDigests(exchange) : Map.of());
        } else {
            exchange.send(204);
        }
    }

    /** Whether the media type is the draft's, ignoring parameters and case. */
    static boolean isPartialUpload(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals(DraftRequest.PARTIAL_UPLOAD);
    }
}
