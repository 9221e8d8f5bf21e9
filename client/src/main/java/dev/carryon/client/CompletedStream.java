package dev.carryon.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A complete stream upload. Immutable.
 *
 * @param uploadUrl the upload's URL
 * @param length    the stream's length in bytes
 * @param duration  the duration given to {@link StreamUpload#end(Duration)}, or null
 * @param metadata  the upload's metadata
 */
public record CompletedStream(URI uploadUrl, long length, Duration duration, Map<String, String> metadata) {
    public CompletedStream {
        metadata = Map.copyOf(metadata);
    }
}
