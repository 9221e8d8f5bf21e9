package dev.carryon.core.store;

import dev.carryon.core.UploadInfo;

import java.io.IOException;

/** A store whose uploads may start without a length and learn it later (tus {@code creation-defer-length}). */
public interface LengthDeferrable {

    /** Records the final length of an upload created without one and returns the updated upload. */
    UploadInfo declareLength(String id, long length) throws IOException;
}
