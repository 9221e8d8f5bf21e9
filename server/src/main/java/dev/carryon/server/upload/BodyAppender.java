package dev.carryon.server.upload;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.io.LimitedInputStream;
import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.http.RequestBody;

import java.io.IOException;

/**
 * Streams a request body into an upload: the part that appends with either protocol (tus PATCH and
 * creation-with-upload, the draft's creation and append) share.
 */
public final class BodyAppender {
    private final UploadContext context;

    public BodyAppender(UploadContext context) {
        this.context = context;
    }

    /**
     * Appends the body at {@code info}'s offset and returns the new offset. The caller holds the lock and has
     * checked the client's offset. The body is bounded by {@code info}'s length (or the server's maximum
     * size while the length is unknown); a longer body is refused whole.
     */
    public long append(Exchange exchange, Upload upload, UploadInfo info, VerifiedBody.Verification verification)
            throws IOException {
        long room;
        ErrorCode overflow;
        if (info.isLengthKnown()) {
            room = info.length() - info.offset();
            overflow = ErrorCode.BODY_EXCEEDS_LENGTH;
        } else {
            room = context.config().hasMaxSize() ? context.config().maxSize() - info.offset() : Long.MAX_VALUE;
            overflow = ErrorCode.UPLOAD_TOO_LARGE;
        }
        if (exchange.contentLength() > room) {
            throw new UploadException(overflow);
        }
        RequestBody raw = exchange.body();
        VerifiedBody verified = verification.prepare(raw, new LimitedInputStream(raw, room, overflow));
        try {
            long end = upload.append(info.offset(), verified.body(), verified.check());
            context.metrics().bytesReceived(end - info.offset());
            if (info.isLengthKnown() && end == info.length() && end > info.offset()) {
                context.metrics().uploadCompleted();
            }
            return end;
        } catch (RequestBody.BrokenBodyException broken) {
            context.metrics().appendInterrupted();
            context.metrics().bytesReceived(upload.info().offset() - info.offset());
            throw broken;
        } catch (UploadException refused) {
            if (refused.code() != ErrorCode.INSUFFICIENT_STORAGE) {
                context.metrics().chunkRejected();
            }
            throw refused;
        } finally {
            raw.close();
        }
    }
}
