package dev.carryon.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An algorithm for tus {@code Upload-Checksum}: with one, every chunk carries its checksum, and the server
 * stores the chunk only if it matches ({@code 460} otherwise, after which the chunk is sent again). The
 * server names what it supports in {@code Tus-Checksum-Algorithm}.
 */
public enum ChecksumAlgorithm {
    SHA1("sha1", "SHA-1"),
    MD5("md5", "MD5"),
    SHA256("sha256", "SHA-256"),
    SHA512("sha512", "SHA-512");

    private final String tusName;
    private final String jcaName;

    ChecksumAlgorithm(String tusName, String jcaName) {
        this.tusName = tusName;
        this.jcaName = jcaName;
    }

    /** The name in {@code Upload-Checksum} and {@code Tus-Checksum-Algorithm}, e.g. {@code sha1}. */
    public String tusName() {
        return tusName;
    }

    /** A new digest of this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** The algorithm with the given tus name, case-insensitive. */
    public static ChecksumAlgorithm ofTusName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.tusName.equalsIgnoreCase(name.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown checksum algorithm '" + name + "'; use sha1, md5, sha256 or sha512");
    }
}
