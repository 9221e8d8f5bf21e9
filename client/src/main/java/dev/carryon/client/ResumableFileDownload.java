package dev.carryon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carryon.client.internal.Json;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to continue a download: the URL, the target, the file's entity tag and length, and
 * how far each range got. Continuing checks with {@code If-Range} that the file is unchanged and starts
 * over if it changed. Immutable; serialisable as Java and as JSON.
 *
 * @param url      the file's URL
 * @param target   the local path it goes to (the partial file is beside it)
 * @param etag     the strong entity tag the file had, or null (then it cannot be continued safely)
 * @param length   the file's length
 * @param segments the ranges being fetched, with the bytes written of each
 */
public record ResumableFileDownload(URI url, String target, String etag, long length, List<Segment> segments)
        implements Serializable {
    private static final String TYPE = "carryon-download";

    /**
     * One range of the file.
     *
     * @param start the first byte
     * @param end   the byte after the last
     * @param done  the bytes of the range written so far, from its start
     */
    public record Segment(long start, long end, long done) implements Serializable {
        public boolean isComplete() {
            return start + done >= end;
        }
    }

    public ResumableFileDownload {
        segments = List.copyOf(segments);
    }

    public Path targetPath() {
        return Path.of(target);
    }

    /** The bytes written over all ranges. */
    public long bytesDone() {
        return segments.stream().mapToLong(Segment::done).sum();
    }

    public String toJson() {
        ObjectNode doc = Json.document(TYPE, 1);
        doc.put("url", url.toString()).put("target", target).put("etag", etag).put("length", length);
        ArrayNode list = doc.putArray("segments");
        segments.forEach(s -> list.addObject().put("start", s.start()).put("end", s.end()).put("done", s.done()));
        return Json.write(doc);
    }

    /** Reads a token written by {@link #toJson()}; throws {@link IllegalArgumentException} if it is not one. */
    public static ResumableFileDownload fromJson(String json) {
        JsonNode doc = Json.read(json, TYPE, 1);
        List<Segment> segments = new ArrayList<>();
        for (JsonNode s : Json.required(doc, "segments")) {
            segments.add(new Segment(s.path("start").asLong(), s.path("end").asLong(), s.path("done").asLong()));
        }
        JsonNode etag = doc.get("etag");
        return new ResumableFileDownload(URI.create(Json.required(doc, "url").asText()),
                Json.required(doc, "target").asText(), etag == null || etag.isNull() ? null : etag.asText(),
                doc.path("length").asLong(), segments);
    }
}
