package dev.carryon.core.store;

import dev.carryon.core.UploadInfo;

import java.io.IOException;
import java.util.Optional;

/**
 * Where uploads are kept. The core contract is small on purpose: create an upload, find it, append to it.
 * Everything optional is a separate capability interface ({@link Terminatable}, {@link Concatenatable},
 * {@link LengthDeferrable}, {@link Expirable}, {@link RangeReadable}) that a store implements only when it
 * really can; the server advertises exactly the capabilities its store implements.
 *
 * <p>Stores do no locking of their own: callers hold the upload's {@link dev.carryon.core.lock.Lock}
 * around every change.
 */
public interface UploadStore extends AutoCloseable {

    /** Stores a new, empty upload described by {@code info} and returns it as stored. */
    UploadInfo create(UploadInfo info) throws IOException;

    /** The upload with this id, or empty if there is none (an id of the wrong form is simply not found). */
    Optional<Upload> find(String id) throws IOException;

    /** Human-readable description for the start-up line, e.g. the directory or bucket. */
    String describe();

    @Override
    default void close() throws IOException {
    }
}
