package dev.carryon.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Internal: not part of the API. The body of an upload request as the HTTP client reads it: each read is
 * metered (counted, rate-limited, marks the request as active), and a stopped transfer fails the next read,
 * which aborts the request.
 */
final class MeteredInputStream extends InputStream {
    private final InputStream in;
    private final Metering metering;
    private final Activity activity;

    MeteredInputStream(InputStream in, Metering metering, Activity activity) {
        this.in = in;
        this.metering = metering;
        this.activity = activity;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (metering.cancellation().isCancelled()) {
            throw new InterruptedIOException("the transfer was stopped");
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            try {
                metering.moved(n, activity);
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                throw new InterruptedIOException("the transfer was stopped");
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
