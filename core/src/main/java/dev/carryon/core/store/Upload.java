package dev.carryon.core.store;

import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;

import java.io.IOException;
import java.io.InputStream;

/** A handle on one stored upload. */
public interface Upload {

    /** The upload as it is stored now; {@code offset} is what is durably stored. */
    UploadInfo info() throws IOException;

    /**
     * Appends the bytes of {@code body} at {@code offset}, until the body ends, and returns the new offset
     * once the bytes are durably stored.
     *
     * <p>Two kinds of failure are told apart, because a resumable upload must keep every byte that arrived:
     * <ul>
     *   <li>an {@link IOException} from {@code body} (the connection died or was cut) keeps, durably, all
     *   bytes read so far and is rethrown; except for a chunk with a {@code check}, which can then never be
     *   verified, so nothing of it is kept;</li>
     *   <li>an {@link UploadException} from {@code body} or from {@code check} means the chunk is bad
     *   (too long, wrong checksum): nothing of it is kept and the exception is rethrown.</li>
     * </ul>
     *
     * @param offset where the client believes the upload ends; must equal the stored offset
     * @param body   the bytes to append; the caller bounds it to the upload's length
     * @param check  runs after the body ended and before the new offset is made durable
     * @throws UploadException {@link dev.carryon.core.ErrorCode#OFFSET_MISMATCH} if {@code offset} is not
     *                         the stored offset
     */
    long append(long offset, InputStream body, ChunkCheck check) throws IOException;
}
