package dev.carryon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carryon.client.internal.Json;

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

    public String toJson() {
        ObjectNode doc = Json.document(TYPE, 1);
        doc.put("endpoint", endpoint.toString()).put("uploadUrl", Json.text(uploadUrl)).put("offset", offset)
                .put("position", position);
        doc.set("metadata", Json.map(metadata));
        doc.set("extraData", Json.map(extraData));
        if (duration != null) {
            doc.put("durationMillis", duration.toMillis());
        }
        doc.put("ended", ended);
        return Json.write(doc);
    }

    /** Reads a checkpoint written by {@link #toJson()}; throws {@link IllegalArgumentException} if it is not one. */
    public static StreamCheckpoint fromJson(String json) {
        JsonNode doc = Json.read(json, TYPE, 1);
        JsonNode millis = doc.get("durationMillis");
        return new StreamCheckpoint(URI.create(Json.required(doc, "endpoint").asText()), Json.uri(doc, "uploadUrl"),
                doc.path("offset").asLong(), doc.path("position").asLong(), Json.map(doc.path("metadata")),
                Json.map(doc.path("extraData")), millis == null || millis.isNull() ? null : Duration.ofMillis(millis.asLong()),
                doc.path("ended").asBoolean());
    }
}
