package dev.carryon.server.upload;

import dev.carryon.core.store.ChunkCheck;
import dev.carryon.server.http.RequestBody;

import java.io.InputStream;

/**
 * A request body prepared for appending: the stream the store reads, which may compute checksums on the
 * way, and the check that runs once it ended. Each protocol has its own way of saying what to verify (tus
 * {@code Upload-Checksum}, RFC 9530 {@code Content-Digest}); the appending is the same.
 *
 * @param body  the bytes to append
 * @param check decides after the last byte whether the chunk counts; {@link ChunkCheck#NONE} if nothing is
 *              verified
 */
public record VerifiedBody(InputStream body, ChunkCheck check) {

    /** Prepares a body for appending; the input is the raw body, bounded to what the upload has room for. */
    @FunctionalInterface
    public interface Verification {
        Verification NONE = (raw, bounded) -> new VerifiedBody(bounded, ChunkCheck.NONE);

        VerifiedBody prepare(RequestBody raw, InputStream bounded);
    }
}
