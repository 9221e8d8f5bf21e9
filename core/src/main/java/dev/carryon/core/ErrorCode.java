package dev.carryon.core;

/**
 * Every way an upload request can be refused, each with a stable name, the HTTP status it maps to and a
 * message that is safe to show to any client.
 */
public enum ErrorCode {
    UNSUPPORTED_VERSION(412, "This Tus-Resumable version is not supported"),
    INVALID_OFFSET(400, "Upload-Offset must be a non-negative integer"),
    OFFSET_MISMATCH(409, "Upload-Offset does not match the upload's current offset"),
    INVALID_LENGTH(400, "Upload-Length must be a non-negative integer"),
    LENGTH_REQUIRED(400, "Upload-Length or Upload-Defer-Length: 1 is required"),
    LENGTH_CONFLICT(400, "Upload-Length differs from the length the upload already has"),
    INVALID_DEFER_LENGTH(400, "Upload-Defer-Length must be 1"),
    UPLOAD_TOO_LARGE(413, "The upload is larger than this server accepts"),
    BODY_EXCEEDS_LENGTH(413, "The request body goes past the end of the upload"),
    INVALID_CONTENT_TYPE(415, "PATCH requests must have Content-Type: application/offset+octet-stream"),
    INVALID_METADATA(400, "Upload-Metadata is malformed"),
    INVALID_CHECKSUM(400, "Upload-Checksum is malformed"),
    UNSUPPORTED_CHECKSUM_ALGORITHM(400, "The Upload-Checksum algorithm is not supported"),
    CHECKSUM_MISMATCH(460, "The checksum of the body does not match Upload-Checksum; the chunk was discarded"),
    INVALID_CONCAT(400, "Upload-Concat is malformed or names uploads that cannot be concatenated"),
    UPLOAD_COMPLETED(400, "The upload is complete and cannot be changed"),
    INVALID_DIGEST(400, "Content-Digest is malformed or names no supported algorithm"),
    DIGEST_MISMATCH(400, "The content does not match its Content-Digest; the chunk was discarded"),
    UNSUPPORTED_DRAFT_VERSION(400, "This Upload-Draft-Interop-Version is not supported"),
    MODIFY_FINAL(403, "A final upload of a concatenation cannot be modified"),
    NOT_FOUND(404, "No such upload"),
    GONE(410, "The upload expired or was terminated"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    LOCKED(423, "The upload is busy with another request; try again shortly"),
    BAD_REQUEST(400, "Malformed request"),
    INSUFFICIENT_STORAGE(507, "The server has no space left to store the upload"),
    INTERNAL(500, "Internal server error");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status a client receives for this error. */
    public int status() {
        return status;
    }

    /** A message for clients; it never reveals anything about the server's internals. */
    public String message() {
        return message;
    }
}
