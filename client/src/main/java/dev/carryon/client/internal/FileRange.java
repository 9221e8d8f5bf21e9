package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * Internal: not part of the API. A range of a local file, read with positional reads so that the parts of
 * a parallel upload share nothing. Read failures become {@link LocalFileException}s: no retry fixes them.
 *
 * @param file   the file
 * @param start  the first byte
 * @param length the number of bytes
 */
public record FileRange(Path file, long start, long length) {
    /**
     * Small enough that the kernel's copy into it and its copy out to the socket stay in the CPU's cache: with
     * 256 KiB buffers the same upload took half again as much system time and a tenth more wall time.
     */
    private static final int BUFFER = 64 * 1024;
    /** Buffers handed out and not yet known to be sent; more are allocated when the client holds them all. */
    private static final int POOL = 4;

    /**
     * A fresh cursor over the range; each call starts again at its beginning. It reads into a few reused
     * buffers, taking one back only once the HTTP client has sent all its bytes, so a large body costs
     * neither an allocation nor a copy per buffer.
     */
    public RequestBody.Cursor open() throws LocalFileException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, e);
        }
        return new RequestBody.Cursor() {
            private final ArrayDeque<ByteBuffer> handedOut = new ArrayDeque<>();
            private long position = start;

            @Override
            public ByteBuffer next(int max) throws LocalFileException {
                long end = start + length;
                if (position >= end) {
                    return null;
                }
                ByteBuffer buffer = reusable();
                buffer.clear().limit((int) Math.min(Math.min(max, buffer.capacity()), end - position));
                try {
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, position + buffer.position()) < 0) {
                            throw new IOException("the file became shorter while it was being uploaded");
                        }
                    }
                } catch (IOException e) {
                    throw new LocalFileException("cannot read " + file, e);
                }
                buffer.flip();
                position += buffer.remaining();
                handedOut.addLast(buffer);
                return buffer;
            }

            /** The oldest buffer if the client has sent it all; else a new one (the oldest is then forgotten). */
            private ByteBuffer reusable() {
                ByteBuffer oldest = handedOut.peekFirst();
                if (oldest != null && !oldest.hasRemaining()) {
                    return handedOut.removeFirst();
                }
                if (handedOut.size() >= POOL) {
                    handedOut.removeFirst();
                }
                return ByteBuffer.allocateDirect(BUFFER);
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a read-only channel has nothing to lose
                }
            }
        };
    }

    /** The range's bytes as a stream, for reading it whole (a checksum). */
    private InputStream stream() throws LocalFileException {
        try {
            return Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ).position(start));
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, e);
        }
    }

    /** The range's bytes passed through {@code digest}, as {@code Upload-Checksum} needs them before sending. */
    public byte[] digest(java.security.MessageDigest digest) throws LocalFileException {
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = stream()) {
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the file became shorter while it was being uploaded");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        } catch (LocalFileException e) {
            throw e;
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, e);
        }
        return digest.digest();
    }
}
