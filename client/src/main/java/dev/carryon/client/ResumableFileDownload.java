package dev.carryon.client;

import dev.carryon.client.internal.JsonObject;

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

    /** This token as a JSON document. */
    public String toJson() {
        List<JsonObject> list = segments.stream().map(s -> new JsonObject().put("start", s.start()).put("end", s.end())
                .put("done", s.done())).toList();
        return JsonObject.document(TYPE, 1).put("url", url.toString()).put("target", target).put("etag", etag)
                .put("length", length).put("segments", list).toJson();
    }

    /** Reads a token written by {@link #toJson()}; throws {@link IllegalArgumentException} if it is not one. */
    public static ResumableFileDownload fromJson(String json) {
        JsonObject doc = JsonObject.read(json, TYPE, 1);
        List<Segment> segments = new ArrayList<>();
        for (JsonObject s : doc.objects("segments")) {
            segments.add(new Segment(s.number("start", 0), s.number("end", 0), s.number("done", 0)));
        }
        return new ResumableFileDownload(URI.create(doc.requiredString("url")), doc.requiredString("target"),
                doc.string("etag"), doc.number("length", -1), segments);
    }
}
