package dev.carryon.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Supplies the bytes of a stream that the server does not have yet, when a stream upload resumes from a
 * {@link StreamCheckpoint}: typically the bytes an application kept from
 * {@link StreamListener#chunkFailed} or in its own recording buffer.
 */
@FunctionalInterface
public interface PartDataProvider {

    /**
     * The stream's bytes from {@code offset} (the server's offset) on, as far as the application has them,
     * or null if it has none. The stream is read to its end and closed. Bytes pushed to the resumed upload
     * follow those supplied here.
     *
     * @param uploadUrl the upload being resumed (a new one if the checkpoint had none or the server lost it)
     * @param offset    the position of the first byte wanted
     */
    InputStream bytesFrom(URI uploadUrl, long offset) throws IOException;
}
