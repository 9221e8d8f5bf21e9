package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.checksum.ChecksumAlgorithm;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.core.store.StoredBytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code Repr-Digest} (RFC 9530) of a whole upload, computed when a request asks for it with
 * {@code Want-Repr-Digest}. The digest is computed from the bytes as stored, read back through the store,
 * so it vouches for what the server kept, not for what it meant to keep. It costs one read of the upload,
 * which is why it is computed only on request.
 */
final class ReprDigest {
    static final String WANT_FIELD = "Want-Repr-Digest";
    static final String FIELD = "Repr-Digest";
    private static final int BUFFER_SIZE = 256 * 1024;

    private ReprDigest() {
    }

    /**
     * The supported algorithms a {@code Want-Repr-Digest} asks for with a non-zero preference; empty if the
     * field is absent or asks for none of them. Every one asked for is computed, in one read of the bytes.
     */
    static Set<DigestAlgorithm> wanted(String field) {
        Set<DigestAlgorithm> wanted = EnumSet.noneOf(DigestAlgorithm.class);
        if (field == null) {
            return wanted;
        }
        Map<String, Object> preferences;
        try {
            preferences = StructuredFields.dictionary(field);
        } catch (StructuredFields.MalformedFieldException e) {
            throw malformed(e.getMessage());
        }
        preferences.forEach((key, preference) -> {
            if (!(preference instanceof Long weight) || weight < 0 || weight > 10) {
                throw malformed("preferences are integers from 0 to 10");
            }
            if (weight > 0) {
                DigestAlgorithm.byKey(key).ifPresent(wanted::add);
            }
        });
        return wanted;
    }

    /** Digests of the stored bytes of an upload, by algorithm. */
    static Map<DigestAlgorithm, byte[]> compute(RangeReadable store, String id, Set<DigestAlgorithm> algorithms)
            throws IOException {
        Map<DigestAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(DigestAlgorithm.class);
        algorithms.forEach(a -> hashers.put(a, a.newHasher()));
        byte[] chunk = new byte[BUFFER_SIZE];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        try (StoredBytes bytes = store.openStoredBytes(id)) {
            long position = 0;
            for (int n; (n = bytes.read(buffer.clear(), position)) > 0; position += n) {
                for (ChecksumAlgorithm.Hasher hasher : hashers.values()) {
                    hasher.update(chunk, 0, n);
                }
            }
        }
        Map<DigestAlgorithm, byte[]> digests = new EnumMap<>(DigestAlgorithm.class);
        hashers.forEach((algorithm, hasher) -> digests.put(algorithm, hasher.finish()));
        return digests;
    }

    private static UploadException malformed(String why) {
        return new UploadException(ErrorCode.BAD_REQUEST, "Want-Repr-Digest is malformed: " + why);
    }
}
