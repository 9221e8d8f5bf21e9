package dev.carryon.core.checksum;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through while feeding them to a {@link ChecksumAlgorithm.Hasher}. */
public final class HashingInputStream extends FilterInputStream {
    private final ChecksumAlgorithm.Hasher hasher;

    public HashingInputStream(InputStream in, ChecksumAlgorithm.Hasher hasher) {
        super(in);
        this.hasher = hasher;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        int n = in.read(bytes, off, len);
        if (n > 0) {
            hasher.update(bytes, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0;
    }
}
