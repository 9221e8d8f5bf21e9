package dev.carryon.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that remembers how it failed. An append must tell a body that broke off (keep what
 * arrived) from a failure of the store itself (keep only what is saved), and both are IOExceptions.
 */
final class BodyWatch extends FilterInputStream {
    private IOException failure;

    BodyWatch(InputStream body) {
        super(body);
    }

    /** Whether {@code e} is the body's own failure, rather than the store's. */
    boolean broke(IOException e) {
        return e == failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }
}
