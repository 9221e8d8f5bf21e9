package dev.carryon.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The few tus requests the process-level tests make, on java.net.http. A client per call, closed after it,
 * so that no idle connection outlives the server process it talked to.
 */
final class TusCalls {
    private TusCalls() {
    }

    /** Creates an upload of {@code length} bytes under {@code files} and returns its URL. */
    static URI create(URI files, long length) throws IOException, InterruptedException {
        HttpResponse<String> created = send(HttpRequest.newBuilder(files).POST(HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(length)).build());
        assertEquals(201, created.statusCode(), created.body());
        return files.resolve(created.headers().firstValue("Location").orElseThrow());
    }

    /** Sends a PATCH at {@code offset}; the headers given are added in name, value pairs. */
    static HttpResponse<String> patch(URI upload, long offset, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upload).method("PATCH", body)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Appends {@code length} bytes of {@code content} at {@code offset} and returns the acknowledged offset. */
    static long append(URI upload, byte[] content, long offset, int length) throws IOException, InterruptedException {
        HttpResponse<String> response = patch(upload, offset,
                HttpRequest.BodyPublishers.ofByteArray(content, (int) offset, length));
        assertEquals(204, response.statusCode(), response.body());
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    static long offset(URI upload) throws IOException, InterruptedException {
        HttpResponse<String> head = send(HttpRequest.newBuilder(upload)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Tus-Resumable", "1.0.0").build());
        assertEquals(200, head.statusCode());
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** The bytes a plain GET of the upload serves. */
    static byte[] download(URI upload) throws IOException, InterruptedException {
        try (HttpClient http = client()) {
            HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(upload).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, get.statusCode());
            return get.body();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try (HttpClient http = client()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
