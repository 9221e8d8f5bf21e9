package dev.carryon.core;

/**
 * The one error type of upload handling: a refusal with a stable {@link ErrorCode}. Its message is written
 * for clients; causes stay in the server's log.
 */
public class UploadException extends RuntimeException {
    private final ErrorCode code;

    public UploadException(ErrorCode code) {
        this(code, code.message(), null);
    }

    public UploadException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public UploadException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
