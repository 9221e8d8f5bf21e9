package dev.carryon.client.internal;

import dev.carryon.client.UploadStatus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Internal: not part of the API. The tus 1.0 requests, one method each, over the client's
 * {@link Transport}. Each makes exactly one attempt; a status other than the expected one becomes a
 * {@link dev.carryon.client.HttpStatusException}, and retrying is the caller's decision.
 */
public final class TusClient {
    public static final String TUS_RESUMABLE = "Tus-Resumable";
    public static final String VERSION = "1.0.0";
    private static final String OCTET_STREAM = "application/offset+octet-stream";

    private final Transport transport;

    public TusClient(Transport transport) {
        this.transport = transport;
    }

    public Transport transport() {
        return transport;
    }

    /** {@code OPTIONS}: the extensions, size limit and checksum algorithms the server offers. */
    public ServerCapabilities options(URI endpoint, Cancellation cancellation) throws IOException, InterruptedException {
        HttpResponse<String> r = transport.send(tus(endpoint).method("OPTIONS", BodyPublishers.noBody()),
                BodyHandlers.ofString(), cancellation);
        if (r.statusCode() >= 500) {
            throw Responses.unexpected(r);
        }
        if (r.statusCode() / 100 != 2) {
            return ServerCapabilities.MINIMAL;
        }
        return new ServerCapabilities(list(r, "Tus-Extension"),
                Responses.number(r, "Tus-Max-Size").orElse(-1), list(r, "Tus-Checksum-Algorithm"));
    }

    /**
     * {@code POST}: creates an upload of {@code length} bytes, or of a length declared later if it is -1,
     * as a part of a concatenation when {@code partial}. Returns its URL.
     */
    public URI create(URI endpoint, long length, Map<String, String> metadata, boolean partial, Cancellation cancellation)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = tus(endpoint).POST(BodyPublishers.noBody());
        if (length < 0) {
            request.header("Upload-Defer-Length", "1");
        } else {
            request.header("Upload-Length", Long.toString(length));
        }
        if (partial) {
            request.header("Upload-Concat", "partial");
        }
        return created(endpoint, request, metadata, cancellation);
    }

    /** {@code POST} with {@code Upload-Concat: final;…}: the upload that joins {@code parts} in order. */
    public URI createFinal(URI endpoint, List<URI> parts, Map<String, String> metadata, Cancellation cancellation)
            throws IOException, InterruptedException {
        String urls = parts.stream().map(URI::getRawPath).collect(Collectors.joining(" "));
        HttpRequest.Builder request = tus(endpoint).POST(BodyPublishers.noBody()).header("Upload-Concat", "final;" + urls);
        return created(endpoint, request, metadata, cancellation);
    }

    private URI created(URI endpoint, HttpRequest.Builder request, Map<String, String> metadata, Cancellation cancellation)
            throws IOException, InterruptedException {
        String header = MetadataHeader.encode(metadata);
        if (header != null) {
            request.header("Upload-Metadata", header);
        }
        HttpResponse<String> r = transport.send(request, BodyHandlers.ofString(), cancellation);
        String location = r.headers().firstValue("Location").orElse(null);
        if (r.statusCode() != 201 || location == null) {
            throw Responses.unexpected(r);
        }
        return endpoint.resolve(location.strip());
    }

    /** {@code HEAD}: the upload's offset, length and metadata. */
    public UploadStatus head(URI upload, Cancellation cancellation) throws IOException, InterruptedException {
        HttpResponse<String> r = transport.send(tus(upload).method("HEAD", BodyPublishers.noBody()),
                BodyHandlers.ofString(), cancellation);
        if (r.statusCode() / 100 != 2) {
            throw Responses.unexpected(r);
        }
        String concat = r.headers().firstValue("Upload-Concat").orElse("");
        OptionalLong offset = Responses.number(r, "Upload-Offset");
        if (offset.isEmpty() && !concat.startsWith("final")) {
            throw new IOException("HEAD " + upload + " answered without Upload-Offset");
        }
        return new UploadStatus(upload, offset.orElse(-1), Responses.number(r, "Upload-Length").orElse(-1),
                MetadataHeader.decode(r.headers().firstValue("Upload-Metadata").orElse(null)), concat,
                httpDate(r.headers().firstValue("Upload-Expires").orElse(null)));
    }

    /**
     * {@code PATCH}: appends {@code body} at {@code offset}, with its checksum header if not null, declaring
     * the upload's length if {@code declareLength} is not negative. Returns the server's new offset.
     */
    public long patch(URI upload, long offset, RequestBody body, String checksum, long declareLength,
                      Metering metering) throws IOException, InterruptedException {
        Activity activity = new Activity();
        HttpRequest.Builder request = tus(upload).method("PATCH", publisher(body, metering, activity))
                .header("Content-Type", OCTET_STREAM)
                .header("Upload-Offset", Long.toString(offset));
        if (checksum != null) {
            request.header("Upload-Checksum", checksum);
        }
        if (declareLength >= 0) {
            request.header("Upload-Length", Long.toString(declareLength));
        }
        HttpResponse<String> r = transport.send(request, BodyHandlers.ofString(), metering.cancellation(), activity);
        OptionalLong newOffset = Responses.number(r, "Upload-Offset");
        if (r.statusCode() / 100 != 2 || newOffset.isEmpty()) {
            throw Responses.unexpected(r);
        }
        return newOffset.getAsLong();
    }

    /** {@code DELETE}: terminates the upload; an upload already gone counts as deleted. */
    public void delete(URI upload, Cancellation cancellation) throws IOException, InterruptedException {
        HttpResponse<String> r = transport.send(tus(upload).DELETE(), BodyHandlers.ofString(), cancellation);
        if (r.statusCode() / 100 != 2 && r.statusCode() != 404 && r.statusCode() != 410) {
            throw Responses.unexpected(r);
        }
    }

    private HttpRequest.Builder tus(URI uri) {
        return transport.request(uri).header(TUS_RESUMABLE, VERSION);
    }

    private static BodyPublisher publisher(RequestBody body, Metering metering, Activity activity) {
        if (body.length() == 0) {
            return BodyPublishers.noBody();
        }
        return BodyPublishers.fromPublisher(new MeteredPublisher(body, metering, activity), body.length());
    }

    private static Set<String> list(HttpResponse<?> r, String name) {
        return r.headers().allValues(name).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
