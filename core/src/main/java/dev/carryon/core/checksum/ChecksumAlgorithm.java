package dev.carryon.core.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/** The checksum algorithms of tus {@code checksum}, by their tus names. */
public enum ChecksumAlgorithm {
    SHA1("sha1", "SHA-1"),
    MD5("md5", "MD5"),
    SHA256("sha256", "SHA-256"),
    SHA512("sha512", "SHA-512"),
    CRC32("crc32", null);

    private final String tusName;
    private final String jcaName;

    ChecksumAlgorithm(String tusName, String jcaName) {
        this.tusName = tusName;
        this.jcaName = jcaName;
    }

    public String tusName() {
        return tusName;
    }

    public static Optional<ChecksumAlgorithm> byTusName(String name) {
        return Arrays.stream(values()).filter(a -> a.tusName.equals(name)).findFirst();
    }

    /** A fresh running checksum. */
    public Hasher newHasher() {
        if (jcaName == null) {
            CRC32 crc = new CRC32();
            return new Hasher() {
                @Override
                public void update(byte[] bytes, int off, int len) {
                    crc.update(bytes, off, len);
                }

                @Override
                public byte[] finish() {
                    return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
                }
            };
        }
        try {
            MessageDigest digest = MessageDigest.getInstance(jcaName);
            return new Hasher() {
                @Override
                public void update(byte[] bytes, int off, int len) {
                    digest.update(bytes, off, len);
                }

                @Override
                public byte[] finish() {
                    return digest.digest();
                }
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jcaName, e);
        }
    }

    /** A checksum being computed over a stream of bytes. */
    public interface Hasher {
        void update(byte[] bytes, int off, int len);

        /** The checksum of everything seen; call once. */
        byte[] finish();
    }
}
