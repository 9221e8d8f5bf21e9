package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.server.http.Exchange;

import java.util.List;

/**
 * The draft's fields of one request, parsed for the version it speaks.
 *
 * <p>{@code Upload-Complete}, {@code Upload-Offset} and {@code Upload-Length} are structured Items. The
 * draft tells a recipient to ignore a value that does not parse; a field the client took the trouble to send
 * but got wrong is refused with a 400 here instead, because ignoring {@code Upload-Length: 1e6} or
 * {@code Upload-Offset: 0x10} would make the server act on something the client did not mean. A field sent
 * on several lines is refused the same way.
 *
 * @param version       the interop version
 * @param complete      whether the request completes the upload; null if it does not say
 * @param offset        {@code Upload-Offset}, or -1 if absent
 * @param length        {@code Upload-Length}, or -1 if absent
 * @param contentLength the length of the content: declared, 0 if none is declared and the body is not
 *                      chunked, -1 if it is chunked
 */
record DraftRequest(InteropVersion version, Boolean complete, long offset, long length, long contentLength) {
    static final String UPLOAD_OFFSET = "Upload-Offset";
    static final String UPLOAD_LENGTH = "Upload-Length";
    static final String UPLOAD_LIMIT = "Upload-Limit";
    static final String PARTIAL_UPLOAD = "application/partial-upload";

    static DraftRequest read(Exchange exchange, InteropVersion version) {
        for (String name : List.of(InteropVersion.FIELD, version.completenessField(), UPLOAD_OFFSET, UPLOAD_LENGTH,
                ContentDigest.FIELD, ReprDigest.WANT_FIELD)) {
            if (exchange.headerCount(name) > 1) {
                throw new UploadException(ErrorCode.BAD_REQUEST, name + " must be sent once");
            }
        }
        String completeness = exchange.header(version.completenessField());
        Boolean complete = null;
        if (completeness != null) {
            if (!(item(completeness, version.completenessField()) instanceof Boolean value)) {
                throw new UploadException(ErrorCode.BAD_REQUEST, version.completenessField() + " must be ?0 or ?1");
            }
            complete = version.meansComplete(value);
        }
        // A request with neither Content-Length nor Transfer-Encoding has no content (RFC 9112, 6.3).
        long contentLength = exchange.hasBody() ? exchange.contentLength() : 0;
        return new DraftRequest(version, complete, nonNegative(exchange, UPLOAD_OFFSET),
                nonNegative(exchange, UPLOAD_LENGTH), contentLength);
    }

    /** Whether the request says whether it completes the upload; the draft requires it on creation and append. */
    DraftRequest requireCompleteness() {
        if (complete == null) {
            throw new UploadException(ErrorCode.BAD_REQUEST, version.completenessField() + " is required");
        }
        return this;
    }

    boolean completes() {
        return Boolean.TRUE.equals(complete);
    }

    /** Whether the request has no content at all (a chunked body counts as content until read). */
    boolean isEmpty() {
        return contentLength == 0;
    }

    /**
     * The upload length this request implies by completing the upload with a body of declared length
     * appended at {@code offset}, or -1 if it implies none.
     */
    long lengthDeducedAt(long offset) {
        return completes() && contentLength >= 0 ? offset + contentLength : -1;
    }

    private static long nonNegative(Exchange exchange, String name) {
        String field = exchange.header(name);
        if (field == null) {
            return -1;
        }
        if (!(item(field, name) instanceof Long value) || value < 0) {
            throw new UploadException(name.equals(UPLOAD_OFFSET) ? ErrorCode.INVALID_OFFSET : ErrorCode.INVALID_LENGTH,
                    name + " must be a non-negative integer");
        }
        return value;
    }

    private static Object item(String field, String name) {
        try {
            return StructuredFields.item(field);
        } catch (StructuredFields.MalformedFieldException e) {
            throw new UploadException(ErrorCode.BAD_REQUEST, name + " is malformed: " + e.getMessage());
        }
    }
}
