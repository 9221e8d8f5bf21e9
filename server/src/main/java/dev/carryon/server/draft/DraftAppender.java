package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.BodyAppender;
import dev.carryon.server.upload.UploadContext;
import dev.carryon.server.upload.VerifiedBody;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Appends the content of a creation or append request by the draft's rules of length and completion.
 *
 * <p>The length of a draft upload is optional until it completes: a client may state it
 * ({@code Upload-Length}), imply it (a request that completes the upload with a declared
 * {@code Content-Length}), or leave it open. An upload without one is a deferred-length upload of the
 * store; a request that completes it declares its final offset as its length. Lengths indicated by a request
 * and by what the upload already knows must agree, or nothing is appended.
 */
final class DraftAppender {
    private final UploadContext context;
    private final BodyAppender appender;

    DraftAppender(UploadContext context) {
        this.context = context;
        this.appender = new BodyAppender(context);
    }

    /**
     * The upload's length as the request and the {@code stored} length (or -1) indicate it, or -1 while
     * nothing does; refused with an inconsistent-length problem if they disagree or fall short of
     * {@code offset}, and with 413 if it is more than the server takes.
     */
    long length(long stored, DraftRequest request, long offset) {
        long declared = request.length();
        long deduced = request.lengthDeducedAt(offset);
        if (stored >= 0 && declared >= 0 && declared != stored) {
            throw inconsistent("Upload-Length is " + declared + " but the upload's length is " + stored);
        }
        long known = stored >= 0 ? stored : declared;
        if (deduced >= 0 && known >= 0 && deduced != known) {
            throw inconsistent("Completing the upload with " + request.contentLength() + " bytes at offset " + offset
                    + " makes its length " + deduced + ", not " + known);
        }
        long length = known >= 0 ? known : deduced;
        if (length >= 0 && length < offset) {
            throw inconsistent("The length " + length + " is less than the " + offset + " bytes already stored");
        }
        if (length >= 0 && context.config().hasMaxSize() && length > context.config().maxSize()) {
            throw new UploadException(ErrorCode.UPLOAD_TOO_LARGE);
        }
        return length;
    }

    /**
     * Appends the body at the upload's offset; the caller holds the lock and has checked the offset. Returns
     * the upload as stored afterwards.
     */
    UploadInfo append(Exchange exchange, Upload upload, UploadInfo info, DraftRequest request) throws IOException {
        long length = length(info.length(), request, info.offset());
        boolean declaring = length >= 0 && !info.isLengthKnown();
        long exact = request.completes() && length >= 0 ? length - info.offset() : -1;
        ContentDigest digest = ContentDigest.of(exchange.header(ContentDigest.FIELD));
        VerifiedBody.Verification verification = (raw, bounded) -> {
            InputStream body = exact >= 0 ? new ExactLength(bounded, exact) : bounded;
            return digest == null ? new VerifiedBody(body, ChunkCheck.NONE) : digest.verify(body);
        };
        exchange.interim().settleContinue();
        long end;
        try (Resumption.Progress ignored = exchange.hasBody()
                ? new Resumption(exchange, request.version()).progress(upload, info.offset()) : null) {
            end = appender.append(exchange, upload, declaring ? info.withLength(length) : info, verification);
        }
        boolean counted = length >= 0 && end == length && end > info.offset();
        if (declaring) {
            ((LengthDeferrable) context.store()).declareLength(info.id(), length);
        } else if (request.completes() && length < 0) {
            ((LengthDeferrable) context.store()).declareLength(info.id(), end);
        }
        UploadInfo after = upload.info();
        if (after.isComplete() && !counted) {
            context.metrics().uploadCompleted();
        }
        return after;
    }

    static UploadException inconsistent(String detail) {
        return new Problem.Refusal(ErrorCode.LENGTH_CONFLICT, Problem.inconsistentLength(detail));
    }

    /**
     * A body that completes an upload of known length must reach that length: one that ends short is
     * refused at its end (and discarded by the store), since it claimed to be the rest of the upload. One
     * that breaks off is no claim, and keeps what arrived like any interrupted append.
     */
    private static final class ExactLength extends FilterInputStream {
        private long missing;

        ExactLength(InputStream in, long length) {
            super(in);
            this.missing = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            int n = in.read(bytes, off, len);
            if (n > 0) {
                missing -= n;
            } else if (n == -1 && missing > 0) {
                throw inconsistent("The content ended " + missing + " bytes before the upload's length");
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0;
        }
    }
}
