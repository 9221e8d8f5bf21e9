package dev.carryon.s3;

import software.amazon.awssdk.core.sync.RequestBody;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Room for the bytes of one part, from when they arrive until the service has them. Positions are relative
 * to the part: a part that continues a tail has that tail's bytes loaded in front of the new ones. Made by
 * {@link PartBuffers}; held in memory or, beyond the memory budget, in a temporary file. Close it once the
 * bytes are sent; closing twice is harmless.
 */
abstract sealed class PartBuffer implements Closeable permits PartBuffer.Memory, FilePartBuffer {
    private final long capacity;

    PartBuffer(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Reads once from {@code in} into the buffer at {@code at}, at most {@code max} bytes; returns how many
     * were read, or -1 at the end of {@code in}.
     */
    abstract int readFrom(InputStream in, long at, int max) throws IOException;

    /** Fills {@code length} bytes at {@code at} from {@code in}, which must have that many. */
    final void load(InputStream in, long at, long length) throws IOException {
        for (long done = 0; done < length; ) {
            int n = readFrom(in, at + done, (int) Math.min(length - done, 1 << 20));
            if (n < 0) {
                throw new EOFException("a stored segment ended " + (length - done) + " bytes early");
            }
            done += n;
        }
    }

    /** Bytes {@code from} to {@code from + length} as a request body the SDK may read more than once. */
    abstract RequestBody body(long from, long length);

    /** Memory in blocks taken as the bytes arrive, so a small append of a large part costs little. */
    static final class Memory extends PartBuffer {
        private static final int BLOCK = 1 << 20;
        private final byte[][] blocks;
        private final Runnable release;
        private boolean closed;

        Memory(long capacity, Runnable release) {
            super(capacity);
            this.blocks = new byte[(int) Math.ceilDiv(capacity, BLOCK)][];
            this.release = release;
        }

        @Override
        int readFrom(InputStream in, long at, int max) throws IOException {
            int index = (int) (at / BLOCK);
            int offset = (int) (at % BLOCK);
            if (blocks[index] == null) {
                blocks[index] = new byte[BLOCK];
            }
            return in.read(blocks[index], offset, Math.min(max, BLOCK - offset));
        }

        @Override
        RequestBody body(long from, long length) {
            return RequestBody.fromContentProvider(() -> new BlockStream(from, from + length), length,
                    "application/octet-stream");
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                java.util.Arrays.fill(blocks, null);
                release.run();
            }
        }

        /** Reads the blocks from one position to another without copying them first. */
        private final class BlockStream extends InputStream {
            private long position;
            private final long end;

            BlockStream(long position, long end) {
                this.position = position;
                this.end = end;
            }

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int off, int len) {
                if (position >= end) {
                    return -1;
                }
                int offset = (int) (position % BLOCK);
                int n = (int) Math.min(Math.min(len, BLOCK - offset), end - position);
                byte[] block = blocks[(int) (position / BLOCK)];
                if (block == null) {
                    throw new IllegalStateException("the part buffer was closed while being sent");
                }
                System.arraycopy(block, offset, target, off, n);
                position += n;
                return n;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, end - position);
            }
        }
    }
}
