package dev.carryon.client;

import dev.carryon.client.internal.JsonObject;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a file upload later, in another process or on another day: the file's
 * {@link Fingerprint}, the endpoint, the upload's URL and, for a parallel upload, the URL and byte range of
 * each part. It holds no offsets that matter: a resumed upload asks the server how much it has. If the
 * file changed since, the upload starts over. Immutable; serialisable as Java and as JSON
 * ({@link #toJson()}, {@link #fromJson(String)}).
 *
 * @param fingerprint    the file as it was when the upload began
 * @param endpoint       the tus endpoint the upload was created at
 * @param uploadUrl      the URL of the whole file on the server, or null if not created yet
 * @param parts          the parts: one for a single-stream upload (its URL is {@code uploadUrl}), or the
 *                       partial uploads of a parallel one; a part's URL is null until it is created
 * @param metadata       the upload's metadata
 * @param chunkSize      the most bytes sent in one request
 * @param checksum       the per-chunk checksum algorithm, or null
 * @param bytesConfirmed the bytes the server had confirmed when this token was made, for information
 */
public record ResumableFileUpload(Fingerprint fingerprint, URI endpoint, URI uploadUrl, List<Part> parts,
                                  Map<String, String> metadata, long chunkSize, ChecksumAlgorithm checksum,
                                  long bytesConfirmed) implements Serializable {
    private static final String TYPE = "carryon-file-upload";

    /**
     * One part of the file, uploaded as one upload.
     *
     * @param url    the part's upload URL, or null if not created yet
     * @param start  the offset of its first byte in the file
     * @param length its length
     */
    public record Part(URI url, long start, long length) implements Serializable {
    }

    public ResumableFileUpload {
        parts = List.copyOf(parts);
        metadata = Map.copyOf(metadata);
    }

    /** The file to upload. */
    public Path file() {
        return fingerprint.file();
    }

    /** True if the file goes up in several parts that the server joins. */
    public boolean isParallel() {
        return parts.size() > 1;
    }

    public ResumableFileUpload withPartUrl(int index, URI url) {
        List<Part> changed = new ArrayList<>(parts);
        Part part = parts.get(index);
        changed.set(index, new Part(url, part.start(), part.length()));
        URI whole = isParallel() ? uploadUrl : url;
        return new ResumableFileUpload(fingerprint, endpoint, whole, changed, metadata, chunkSize, checksum, bytesConfirmed);
    }

    public ResumableFileUpload withUploadUrl(URI url) {
        return new ResumableFileUpload(fingerprint, endpoint, url, parts, metadata, chunkSize, checksum, bytesConfirmed);
    }

    public ResumableFileUpload withBytesConfirmed(long bytes) {
        return new ResumableFileUpload(fingerprint, endpoint, uploadUrl, parts, metadata, chunkSize, checksum, bytes);
    }

    /** This token as a JSON document. */
    public String toJson() {
        JsonObject file = new JsonObject().put("path", fingerprint.path()).put("size", fingerprint.size())
                .put("modified", fingerprint.modifiedTime()).put("sample", fingerprint.sampleSha256());
        List<JsonObject> list = parts.stream().map(p -> new JsonObject().put("url", text(p.url())).put("start", p.start())
                .put("length", p.length())).toList();
        return JsonObject.document(TYPE, 1).put("file", file).put("endpoint", endpoint.toString())
                .put("uploadUrl", text(uploadUrl)).put("parts", list).put("metadata", metadata).put("chunkSize", chunkSize)
                .put("checksum", checksum == null ? null : checksum.tusName()).put("bytesConfirmed", bytesConfirmed)
                .toJson();
    }

    /** Reads a token written by {@link #toJson()}; throws {@link IllegalArgumentException} if it is not one. */
    public static ResumableFileUpload fromJson(String json) {
        JsonObject doc = JsonObject.read(json, TYPE, 1);
        JsonObject file = doc.object("file");
        Fingerprint fingerprint = new Fingerprint(file.requiredString("path"), file.number("size", -1),
                file.number("modified", 0), file.requiredString("sample"));
        List<Part> parts = new ArrayList<>();
        for (JsonObject p : doc.objects("parts")) {
            parts.add(new Part(uri(p.string("url")), p.number("start", 0), p.number("length", 0)));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the document has no parts");
        }
        String checksum = doc.string("checksum");
        return new ResumableFileUpload(fingerprint, URI.create(doc.requiredString("endpoint")), uri(doc.string("uploadUrl")),
                parts, doc.strings("metadata"), doc.number("chunkSize", UploadRequest.DEFAULT_CHUNK_SIZE),
                checksum == null ? null : ChecksumAlgorithm.ofTusName(checksum), doc.number("bytesConfirmed", 0));
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static URI uri(String text) {
        return text == null ? null : URI.create(text);
    }
}
