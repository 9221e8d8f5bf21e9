package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Internal: not part of the API. The body of one append: its length, and a way to read it from the start,
 * as often as needed (a request repeated after a {@code 401} reads it again).
 *
 * @param length the number of bytes
 * @param source opens a fresh cursor over the bytes
 */
public record RequestBody(long length, Source source) {

    /** Opens the bytes of a body; a failure is local and final. */
    @FunctionalInterface
    public interface Source {
        Cursor open() throws LocalFileException;
    }

    /** Hands out a body's bytes a buffer at a time, from its first byte. */
    public interface Cursor extends Closeable {
        /**
         * The next bytes, at most {@code max}, or null at the end. A buffer handed out is not written to again
         * while it has bytes remaining, so the HTTP client may send it at its own pace.
         */
        ByteBuffer next(int max) throws IOException;

        @Override
        void close();
    }

    public static RequestBody of(FileRange range) {
        return new RequestBody(range.length(), range::open);
    }

    /** A body over an array, handed out as views of it: nothing is copied. */
    public static RequestBody of(byte[] bytes, int offset, int length) {
        return new RequestBody(length, () -> new Cursor() {
            private int at = offset;

            @Override
            public ByteBuffer next(int max) {
                int n = Math.min(max, offset + length - at);
                if (n <= 0) {
                    return null;
                }
                ByteBuffer view = ByteBuffer.wrap(bytes, at, n).slice();
                at += n;
                return view;
            }

            @Override
            public void close() {
            }
        });
    }

    public static RequestBody empty() {
        return of(new byte[0], 0, 0);
    }
}
