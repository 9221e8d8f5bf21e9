package dev.carryon.core.store;

import dev.carryon.core.UploadException;

/**
 * A last look at a chunk after all its bytes were written and before they count, e.g. comparing a checksum
 * that arrived in a trailer. Throwing discards the chunk.
 */
@FunctionalInterface
public interface ChunkCheck {
    ChunkCheck NONE = () -> { };

    void verify() throws UploadException;
}
