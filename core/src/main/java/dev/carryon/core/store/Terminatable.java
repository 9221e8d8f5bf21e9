package dev.carryon.core.store;

import java.io.IOException;

/** A store that can delete an upload and everything stored for it (tus {@code termination}). */
public interface Terminatable {

    /** Deletes the upload; deleting one that does not exist is not an error. */
    void terminate(String id) throws IOException;
}
