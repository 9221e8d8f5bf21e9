package dev.carryon.core.store;

import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;

import java.io.IOException;

/**
 * A store that can change an upload's metadata after it was created. tus fixes metadata at creation; this
 * is for what is known only at the end, such as the duration of a recording whose length was deferred.
 */
public interface MetadataEditable {

    /**
     * Replaces the upload's metadata and returns the upload as now stored. The caller holds the upload's lock.
     *
     * @throws dev.carryon.core.UploadException {@link dev.carryon.core.ErrorCode#NOT_FOUND} if there is no
     *                                          such upload
     */
    UploadInfo replaceMetadata(String id, Metadata metadata) throws IOException;
}
