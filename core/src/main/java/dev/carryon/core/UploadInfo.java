package dev.carryon.core;

import java.time.Instant;

/**
 * What is known about one upload at one moment. Immutable: changes produce copies through the
 * {@code with…} methods.
 *
 * @param id        the upload's id, see {@link UploadIds}
 * @param length    total length in bytes, or {@link #UNKNOWN_LENGTH} while the client defers it
 * @param offset    bytes durably stored
 * @param metadata  the client's metadata
 * @param concat    the upload's role in a concatenation
 * @param createdAt when the upload was created
 * @param expiresAt when an unfinished upload will be removed, or {@code null} if it never is
 */
public record UploadInfo(
        String id,
        long length,
        long offset,
        Metadata metadata,
        Concat concat,
        Instant createdAt,
        Instant expiresAt) {

    public static final long UNKNOWN_LENGTH = -1;

    public UploadInfo {
        if (!UploadIds.isValid(id)) {
            throw new IllegalArgumentException("invalid upload id");
        }
        if (length < UNKNOWN_LENGTH || offset < 0 || (length >= 0 && offset > length)) {
            throw new IllegalArgumentException("inconsistent length " + length + " and offset " + offset);
        }
    }

    /** A new, empty upload with a fresh random id. */
    public static UploadInfo create(long length, Metadata metadata, Concat concat, Instant now) {
        return new UploadInfo(UploadIds.random(), length, 0, metadata, concat, now, null);
    }

    public boolean isLengthKnown() {
        return length != UNKNOWN_LENGTH;
    }

    public boolean isComplete() {
        return isLengthKnown() && offset == length;
    }

    public UploadInfo withOffset(long newOffset) {
        return new UploadInfo(id, length, newOffset, metadata, concat, createdAt, expiresAt);
    }

    public UploadInfo withLength(long newLength) {
        return new UploadInfo(id, newLength, offset, metadata, concat, createdAt, expiresAt);
    }

    public UploadInfo withExpiresAt(Instant when) {
        return new UploadInfo(id, length, offset, metadata, concat, createdAt, when);
    }
}
