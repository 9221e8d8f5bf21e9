package dev.carryon.core.checksum;

import dev.carryon.core.io.ThroughInputStream;

import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through while feeding them to a {@link ChecksumAlgorithm.Hasher}. */
public final class HashingInputStream extends ThroughInputStream {
    private final ChecksumAlgorithm.Hasher hasher;

    public HashingInputStream(InputStream in, ChecksumAlgorithm.Hasher hasher) {
        super(in);
        this.hasher = hasher;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        int n = in.read(bytes, off, len);
        if (n > 0) {
            hasher.update(bytes, off, n);
        }
        return n;
    }
}
