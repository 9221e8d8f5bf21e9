package dev.carryon.core.store;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/** A store that can serve the stored bytes of an upload for downloads. */
public interface RangeReadable {

    /**
     * Opens the upload's bytes for reading. The channel's size is the number of bytes stored when it was
     * opened or more; readers should read no further than the offset they were told. Closing is the
     * caller's job.
     */
    SeekableByteChannel openForReading(String id) throws IOException;
}
