package dev.carryon.client;

import dev.carryon.client.internal.JsonObject;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The state of a {@link StreamUpload} at one moment, small enough to keep anywhere (local storage, a
 * database row), from which the stream can be resumed with {@link CarryonClient#resumeStream}. Immutable;
 * serialisable as Java and as JSON ({@link #toJson()}, {@link #fromJson(String)}).
 *
 * @param endpoint  the tus endpoint
 * @param uploadUrl the upload's URL, or null if it was not created yet (resuming then creates it)
 * @param offset    the bytes the server had confirmed
 * @param position  the bytes pushed into the stream; those from {@code offset} to here were buffered only
 * @param metadata  the upload's metadata
 * @param extraData the application's own data
 * @param duration  the duration given to {@code end}, or null
 * @param ended     true if the stream had ended, so a resumed upload completes once the bytes are supplied
 */
public record StreamCheckpoint(URI endpoint, URI uploadUrl, long offset, long position, Map<String, String> metadata,
                               Map<String, String> extraData, Duration duration, boolean ended) implements Serializable {
    private static final String TYPE = "carryon-stream";

    public StreamCheckpoint {
        metadata = Map.copyOf(metadata);
        extraData = Map.copyOf(extraData);
    }

    /** This checkpoint as a JSON document. */
    public String toJson() {
        JsonObject doc = JsonObject.document(TYPE, 1).put("endpoint", endpoint.toString())
                .put("uploadUrl", uploadUrl == null ? null : uploadUrl.toString()).put("offset", offset)
                .put("position", position).put("metadata", metadata).put("extraData", extraData);
        if (duration != null) {
            doc.put("durationMillis", duration.toMillis());
        }
        return doc.put("ended", ended).toJson();
    }

    /** Reads a checkpoint written by {@link #toJson()}; throws {@link IllegalArgumentException} if it is not one. */
    public static StreamCheckpoint fromJson(String json) {
        JsonObject doc = JsonObject.read(json, TYPE, 1);
        long millis = doc.number("durationMillis", -1);
        String url = doc.string("uploadUrl");
        return new StreamCheckpoint(URI.create(doc.requiredString("endpoint")), url == null ? null : URI.create(url),
                doc.number("offset", 0), doc.number("position", 0), doc.strings("metadata"), doc.strings("extraData"),
                millis < 0 ? null : Duration.ofMillis(millis), doc.bool("ended"));
    }
}
