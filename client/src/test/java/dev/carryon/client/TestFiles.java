package dev.carryon.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** Files of seeded random bytes, their SHA-256, and the SHA-256 of what a server serves for an upload. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code size} pseudo-random bytes (the same for the same seed) to {@code dir/name}. */
    public static Path random(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        Random random = new Random(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                random.nextBytes(buffer);
                int n = (int) Math.min(buffer.length, left);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return file;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ChecksumAlgorithm.SHA256.newDigest().digest(bytes));
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = ChecksumAlgorithm.SHA256.newDigest();
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of the bytes a plain GET of {@code url} returns (the server's download of the upload). */
    public static String sha256Of(URI url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new IOException("GET " + url + " answered " + r.statusCode());
            }
            try (InputStream in = r.body()) {
                return sha256(in);
            }
        }
    }
}
