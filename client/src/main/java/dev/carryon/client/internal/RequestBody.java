package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * Internal: not part of the API. The body of one append: its length, and a way to read it from the start,
 * as often as needed (a request repeated after a {@code 401} reads it again).
 *
 * @param length the number of bytes
 * @param source opens a fresh stream over the bytes
 */
public record RequestBody(long length, Source source) {

    /** Opens the bytes of a body; a failure is local and final. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws LocalFileException;
    }

    public static RequestBody of(FileRange range) {
        return new RequestBody(range.length(), range::open);
    }

    public static RequestBody of(byte[] bytes, int offset, int length) {
        return new RequestBody(length, () -> new ByteArrayInputStream(bytes, offset, length));
    }

    public static RequestBody empty() {
        return new RequestBody(0, InputStream::nullInputStream);
    }
}
