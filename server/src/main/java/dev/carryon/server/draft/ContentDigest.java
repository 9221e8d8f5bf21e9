package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.checksum.ChecksumAlgorithm;
import dev.carryon.core.checksum.HashingInputStream;
import dev.carryon.core.store.ChunkCheck;
import dev.carryon.server.upload.VerifiedBody;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code Content-Digest} (RFC 9530) on a creation or append request: digests of the request content,
 * checked as the content is appended. A mismatch refuses the chunk, which the store then discards whole;
 * so does a digested request that breaks off, since its digest can never be checked.
 *
 * <p>Every supported algorithm in the field is checked, unsupported ones are skipped; a field naming none
 * this server supports is refused, because a client that asked for a check should not be told its content
 * passed one that never ran.
 */
final class ContentDigest {
    static final String FIELD = "Content-Digest";

    private final Map<DigestAlgorithm, byte[]> expected;

    private ContentDigest(Map<DigestAlgorithm, byte[]> expected) {
        this.expected = expected;
    }

    /** The digests a request declares, or null if it has no {@code Content-Digest}. */
    static ContentDigest of(String field) {
        if (field == null) {
            return null;
        }
        Map<String, Object> members;
        try {
            members = StructuredFields.dictionary(field);
        } catch (StructuredFields.MalformedFieldException e) {
            throw invalid("Content-Digest is not a structured dictionary: " + e.getMessage());
        }
        Map<DigestAlgorithm, byte[]> expected = new EnumMap<>(DigestAlgorithm.class);
        members.forEach((key, value) -> DigestAlgorithm.byKey(key).ifPresent(algorithm -> {
            if (!(value instanceof byte[] digest) || digest.length != algorithm.length()) {
                throw invalid("the " + key + " digest must be a byte sequence of " + algorithm.length() + " bytes");
            }
            expected.put(algorithm, digest);
        }));
        if (expected.isEmpty()) {
            throw invalid("Content-Digest names no algorithm this server supports (" + DigestAlgorithm.keys() + ")");
        }
        return new ContentDigest(expected);
    }

    /** The digests the client declared, by supported algorithm: once the content passed, its true digests. */
    Map<DigestAlgorithm, byte[]> digests() {
        return Map.copyOf(expected);
    }

    /** The body hashed as it is read, and the check comparing the results once it ended. */
    VerifiedBody verify(InputStream body) {
        Map<DigestAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(DigestAlgorithm.class);
        InputStream hashing = body;
        for (DigestAlgorithm algorithm : expected.keySet()) {
            ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
            hashers.put(algorithm, hasher);
            hashing = new HashingInputStream(hashing, hasher);
        }
        ChunkCheck check = () -> hashers.forEach((algorithm, hasher) -> {
            if (!MessageDigest.isEqual(hasher.finish(), expected.get(algorithm))) {
                throw new UploadException(ErrorCode.DIGEST_MISMATCH, "The content does not match its "
                        + algorithm.key() + " Content-Digest; the chunk was discarded");
            }
        });
        return new VerifiedBody(hashing, check);
    }

    private static UploadException invalid(String why) {
        return new UploadException(ErrorCode.INVALID_DIGEST, why);
    }
}
