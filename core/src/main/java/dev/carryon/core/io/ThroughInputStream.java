package dev.carryon.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter whose every read, of one byte or many, and every skip goes through
 * {@link #read(byte[], int, int)}: a subclass that counts, limits or hashes sees each byte exactly once.
 */
public abstract class ThroughInputStream extends FilterInputStream {

    protected ThroughInputStream(InputStream in) {
        super(in);
    }

    @Override
    public abstract int read(byte[] bytes, int off, int len) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public final boolean markSupported() {
        return false;
    }
}
