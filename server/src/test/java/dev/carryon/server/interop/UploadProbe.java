package dev.carryon.server.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Looks at an upload from outside, through the server's public HTTP API, as a third party would. Each call
 * uses a client of its own and closes it, so no idle connection makes the server's graceful stop wait.
 */
final class UploadProbe {

    private UploadProbe() {
    }

    /** The offset a tus HEAD reports: final, because the server lets any earlier request for the upload end first. */
    static long offset(URI upload) throws IOException, InterruptedException {
        HttpResponse<Void> head = send(HttpRequest.newBuilder(upload).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode(), "tus HEAD " + upload);
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** How many bytes a plain download would serve now; takes no lock, so it does not disturb a running upload. */
    static long storedBytes(URI upload) throws IOException, InterruptedException {
        HttpResponse<Void> head = send(HttpRequest.newBuilder(upload).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode(), "download HEAD " + upload);
        return head.headers().firstValueAsLong("Content-Length").orElseThrow();
    }

    /** Waits until the server has stored {@code bytes} bytes of the upload, failing after a few seconds. */
    static void awaitStoredBytes(URI upload, long bytes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long stored;
        while ((stored = storedBytes(upload)) != bytes) {
            if (System.nanoTime() > deadline) {
                fail("the server stored " + stored + " bytes, expected " + bytes);
            }
            Thread.sleep(20);
        }
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(request, handler);
        }
    }

    /** The SHA-256 of the upload's bytes as the server serves them. */
    static String sha256(URI upload) throws IOException, InterruptedException {
        MessageDigest digest = TestFiles.sha256Digest();
        HttpResponse<Void> get = send(HttpRequest.newBuilder(upload).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArrayConsumer(bytes -> bytes.ifPresent(digest::update)));
        assertEquals(200, get.statusCode(), "GET " + upload);
        return HexFormat.of().formatHex(digest.digest());
    }
}
