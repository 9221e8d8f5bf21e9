package dev.carryon.core.store;

import dev.carryon.core.UploadInfo;

import java.io.IOException;

/** A store that can join finished partial uploads into a final one (tus {@code concatenation}). */
public interface Concatenatable {

    /**
     * Fills the final upload {@code id}, created earlier with its list of parts, with the bytes of those
     * parts in order. The caller ensures every part is complete. Returns the finished final upload.
     */
    UploadInfo concatenate(String id) throws IOException;
}
