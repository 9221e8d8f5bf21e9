package dev.carryon.core.store;

import java.io.IOException;

/** A store that can serve the stored bytes of an upload for downloads, without taking the upload's lock. */
public interface RangeReadable {

    /**
     * Opens what is durably stored of an upload: a fixed view of its first {@link StoredBytes#length()}
     * bytes, which later appends do not change. Closing it is the caller's job.
     *
     * @throws dev.carryon.core.UploadException {@link dev.carryon.core.ErrorCode#NOT_FOUND} if there is no
     *                                          such upload
     */
    StoredBytes openStoredBytes(String id) throws IOException;
}
