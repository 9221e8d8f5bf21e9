package dev.carryon.s3;

import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A part waiting in a temporary file, for parts too large for memory or beyond the memory budget. The file
 * is deleted when the buffer is closed, and by the system if the process dies first.
 */
final class FilePartBuffer extends PartBuffer {
    private static final int CHUNK = 256 * 1024;

    private final FileChannel file;
    private final byte[] scratch = new byte[CHUNK];

    FilePartBuffer(long capacity, Path dir) throws IOException {
        super(capacity);
        Path path = Files.createTempFile(dir, "carryon-part-", ".bin");
        this.file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    @Override
    int readFrom(InputStream in, long at, int max) throws IOException {
        int n = in.read(scratch, 0, Math.min(max, CHUNK));
        if (n > 0) {
            ByteBuffer bytes = ByteBuffer.wrap(scratch, 0, n);
            while (bytes.hasRemaining()) {
                file.write(bytes, at + bytes.position());
            }
        }
        return n;
    }

    @Override
    RequestBody body(long from, long length) {
        return RequestBody.fromContentProvider(() -> new FileStream(from, from + length), length,
                "application/octet-stream");
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Positioned reads of the file, so several streams over it never disturb each other. */
    private final class FileStream extends InputStream {
        private long position;
        private final long end;

        FileStream(long position, long end) {
            this.position = position;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = file.read(ByteBuffer.wrap(target, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException("the part file is shorter than its part");
            }
            position += n;
            return n;
        }
    }
}
