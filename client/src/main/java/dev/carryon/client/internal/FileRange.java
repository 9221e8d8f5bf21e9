package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Internal: not part of the API. A range of a local file, read with positional reads so that the parts of
 * a parallel upload share nothing. Read failures become {@link LocalFileException}s: no retry fixes them.
 *
 * @param file   the file
 * @param start  the first byte
 * @param length the number of bytes
 */
public record FileRange(Path file, long start, long length) {

    /** A fresh stream over the range; each call starts again at its beginning. */
    public InputStream open() throws LocalFileException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, e);
        }
        return new InputStream() {
            private long position = start;
            private final long end = start + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                int want = (int) Math.min(len, end - position);
                int n;
                try {
                    n = channel.read(ByteBuffer.wrap(b, off, want), position);
                } catch (IOException e) {
                    throw new LocalFileException("cannot read " + file, e);
                }
                if (n < 0) {
                    throw new LocalFileException("cannot read " + file,
                            new IOException("the file became shorter while it was being uploaded"));
                }
                position += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** The range's bytes passed through {@code digest}, as {@code Upload-Checksum} needs them before sending. */
    public byte[] digest(java.security.MessageDigest digest) throws LocalFileException {
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = open()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        } catch (LocalFileException e) {
            throw e;
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, e);
        }
        return digest.digest();
    }
}
