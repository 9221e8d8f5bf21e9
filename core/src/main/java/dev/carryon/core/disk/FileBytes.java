package dev.carryon.core.disk;

import dev.carryon.core.store.StoredBytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;

/**
 * The first {@code length} bytes of a data file, for downloads. Reads stop at {@code length} even while an
 * append makes the file grow, so a reader sees exactly the bytes that were durably stored when it opened.
 * A {@code null} channel is the empty view of a final upload whose parts are not joined yet.
 */
record FileBytes(FileChannel channel, long length, Instant lastModified) implements StoredBytes {

    static FileBytes empty(Instant created) {
        return new FileBytes(null, 0, created);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        if (position >= length) {
            return -1;
        }
        if (target.remaining() > length - position) {
            ByteBuffer window = target.slice(target.position(), (int) (length - position));
            int n = channel.read(window, position);
            target.position(target.position() + Math.max(n, 0));
            return n;
        }
        return channel.read(target, position);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
