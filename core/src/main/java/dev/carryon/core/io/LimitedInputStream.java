package dev.carryon.core.io;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Lets at most {@code limit} bytes through. A body that goes on past the limit is a client error
 * ({@link ErrorCode#BODY_EXCEEDS_LENGTH}), discovered by peeking one byte once the limit is reached; a store
 * then discards the whole chunk.
 */
public final class LimitedInputStream extends ThroughInputStream {
    private final ErrorCode overLimit;
    private long left;

    public LimitedInputStream(InputStream in, long limit, ErrorCode overLimit) {
        super(in);
        this.left = limit;
        this.overLimit = overLimit;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left == 0) {
            if (in.read() != -1) {
                throw new UploadException(overLimit);
            }
            return -1;
        }
        int n = in.read(bytes, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }


    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }
}
