package dev.carryon.client;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the server says about an upload (tus {@code HEAD}). Immutable.
 *
 * @param url       the upload's URL
 * @param offset    bytes the server has stored, or -1 for a final concatenation not joined yet
 * @param length    the upload's length, or -1 while it is deferred (a stream not ended yet)
 * @param metadata  the upload's metadata, values decoded from Base64 as UTF-8
 * @param concat    {@code Upload-Concat} as the server sent it ({@code partial}, {@code final;…}), or empty
 * @param expiresAt when the server will remove the unfinished upload, or null if it did not say
 */
public record UploadStatus(URI url, long offset, long length, Map<String, String> metadata, String concat,
                           Instant expiresAt) {

    public UploadStatus {
        metadata = Map.copyOf(metadata);
        concat = concat == null ? "" : concat;
    }

    /** True once the length is known and every byte is stored. */
    public boolean isComplete() {
        return length >= 0 && offset == length;
    }

    /** The expiry, if the server announced one. */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expiresAt);
    }
}
