package dev.carryon.core.disk;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;

import java.io.IOException;

/**
 * The disk filled up: the client hears 507 and may try again when there is room. Thrown wherever the store
 * writes — data, info files, markers — so that a full disk is never taken for a failure of the server.
 */
final class StorageFullException extends UploadException {
    StorageFullException(IOException cause) {
        super(ErrorCode.INSUFFICIENT_STORAGE, ErrorCode.INSUFFICIENT_STORAGE.message(), cause);
    }

    /** Whether {@code e} is the file system saying it has no space (ENOSPC) or no quota left (EDQUOT). */
    static boolean isNoSpace(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    /**
     * Throws {@code e} as a {@link StorageFullException} if it is one, else returns it for the caller to
     * throw: {@code throw StorageFullException.translate(e)}.
     */
    static IOException translate(IOException e) {
        if (isNoSpace(e)) {
            throw new StorageFullException(e);
        }
        return e;
    }
}
