package dev.carryon.cli.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;

/** Plain requests the suites make beside the clients under test: offsets, downloads, digests. */
final class Probe {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Probe() {
    }

    /** The offset a tus HEAD reports, or empty if the server cannot be reached or does not answer 200. */
    static OptionalLong offset(URI upload, Duration timeout) throws InterruptedException {
        HttpRequest head = HttpRequest.newBuilder(upload).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0").timeout(timeout).build();
        try {
            HttpResponse<Void> r = HTTP.send(head, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? r.headers().firstValueAsLong("Upload-Offset") : OptionalLong.empty();
        } catch (IOException unreachable) {
            return OptionalLong.empty();
        }
    }

    /**
     * The bytes durably stored, from a plain HEAD (a download, which takes no lock and so does not end a PATCH
     * in progress the way a tus HEAD does), or empty if the server cannot be reached or does not answer 200.
     */
    static OptionalLong storedLength(URI upload, Duration timeout) throws InterruptedException {
        HttpRequest head = HttpRequest.newBuilder(upload).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(timeout).build();
        try {
            HttpResponse<Void> r = HTTP.send(head, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? r.headers().firstValueAsLong("Content-Length") : OptionalLong.empty();
        } catch (IOException unreachable) {
            return OptionalLong.empty();
        }
    }

    /** The SHA-256 of what a GET of {@code upload} returns, in hex. */
    static String sha256Of(URI upload) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(upload).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + upload + " answered " + r.statusCode());
        }
        try (var in = r.body()) {
            MessageDigest sha = sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A file of {@code size} random bytes from {@code seed}. */
    static Path randomFile(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        java.util.Random random = new java.util.Random(seed);
        byte[] buffer = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
        return file;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
