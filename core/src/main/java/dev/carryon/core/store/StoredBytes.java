package dev.carryon.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/** A fixed-length, read-only view of an upload's stored bytes, for any number of positioned reads. */
public interface StoredBytes extends Closeable {

    /** How many bytes the view holds. */
    long length();

    /** When the bytes last changed. */
    Instant lastModified();

    /**
     * Reads bytes at {@code position} into {@code target}, no further than {@link #length()}; returns how
     * many were read, or -1 at the end of the view.
     */
    int read(ByteBuffer target, long position) throws IOException;

    /**
     * Says that the bytes from {@code position} up to {@code end} (exclusive) are about to be read in order,
     * so that a view on remote storage can fetch exactly those in one request instead of guessing. Only a
     * hint: reads anywhere else still work.
     */
    default void readAhead(long position, long end) {
    }
}
