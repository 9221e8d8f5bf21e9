package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.checksum.ChecksumAlgorithm;
import dev.carryon.core.checksum.HashingInputStream;
import dev.carryon.core.store.ChunkCheck;
import dev.carryon.server.http.RequestBody;
import dev.carryon.server.upload.VerifiedBody;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;

/**
 * Checks a PATCH body against {@code Upload-Checksum}, sent as a header before the body or, with
 * {@code checksum-trailer}, as a trailer after it. A trailer names its algorithm only at the end, so in that
 * case every supported algorithm runs over the body; clients pay that only when they choose trailers.
 */
final class ChunkVerifier {

    private ChunkVerifier() {
    }

    /**
     * Sets up verification for a request: none if the client sent no checksum, else a body that hashes as it
     * is read and a check comparing the result.
     */
    static VerifiedBody of(String checksumHeader, String trailerHeader, RequestBody raw, InputStream body) {
        if (checksumHeader != null) {
            ChecksumHeader expected = ChecksumHeader.parse(checksumHeader);
            ChecksumAlgorithm.Hasher hasher = expected.algorithm().newHasher();
            return new VerifiedBody(new HashingInputStream(body, hasher),
                    () -> compare(hasher.finish(), expected.expected()));
        }
        if (trailerHeader != null && trailerHeader.toLowerCase(java.util.Locale.ROOT).contains("upload-checksum")) {
            Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                hashers.put(a, a.newHasher());
            }
            InputStream hashing = body;
            for (ChecksumAlgorithm.Hasher hasher : hashers.values()) {
                hashing = new HashingInputStream(hashing, hasher);
            }
            return new VerifiedBody(hashing, () -> {
                String trailer = raw.trailers() == null ? null : raw.trailers().get(TusHeaders.UPLOAD_CHECKSUM);
                if (trailer == null) {
                    throw new UploadException(ErrorCode.INVALID_CHECKSUM,
                            "Upload-Checksum was announced as a trailer but did not arrive");
                }
                ChecksumHeader expected = ChecksumHeader.parse(trailer);
                compare(hashers.get(expected.algorithm()).finish(), expected.expected());
            });
        }
        return new VerifiedBody(body, ChunkCheck.NONE);
    }

    private static void compare(byte[] actual, byte[] expected) {
        if (!MessageDigest.isEqual(actual, expected)) {
            throw new UploadException(ErrorCode.CHECKSUM_MISMATCH);
        }
    }
}
