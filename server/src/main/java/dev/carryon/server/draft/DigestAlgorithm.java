package dev.carryon.server.draft;

import dev.carryon.core.checksum.ChecksumAlgorithm;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The RFC 9530 digest algorithms this server computes: the two the IANA registry marks as active. The
 * deprecated ones (md5, sha, crc32c…) are not offered, since a digest is only worth what its algorithm
 * resists.
 */
enum DigestAlgorithm {
    SHA_256("sha-256", ChecksumAlgorithm.SHA256, 32),
    SHA_512("sha-512", ChecksumAlgorithm.SHA512, 64);

    private final String key;
    private final ChecksumAlgorithm algorithm;
    private final int length;

    DigestAlgorithm(String key, ChecksumAlgorithm algorithm, int length) {
        this.key = key;
        this.algorithm = algorithm;
        this.length = length;
    }

    /** The algorithm's key in digest fields, e.g. {@code sha-256}. */
    String key() {
        return key;
    }

    /** How many bytes a digest of this algorithm has. */
    int length() {
        return length;
    }

    ChecksumAlgorithm.Hasher newHasher() {
        return algorithm.newHasher();
    }

    static Optional<DigestAlgorithm> byKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    /** The keys of every supported algorithm, for error messages. */
    static String keys() {
        return Arrays.stream(values()).map(DigestAlgorithm::key).collect(Collectors.joining(", "));
    }

    /** A digest field value (a Dictionary of Byte Sequences), e.g. {@code sha-256=:X48E9q…=:}. */
    static String field(Map<DigestAlgorithm, byte[]> digests) {
        return digests.entrySet().stream()
                .map(d -> d.getKey().key + "=:" + Base64.getEncoder().encodeToString(d.getValue()) + ":")
                .collect(Collectors.joining(", "));
    }
}
