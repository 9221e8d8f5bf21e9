package dev.carryon.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app in headless Chromium against a real server: uploads through the Upload page (whole, across a
 * reload, across a network loss), and a recording from the fake camera that plays while it is uploading
 * and afterwards, with its duration, and seeks. Screenshots of each page go to {@code target/web-screenshots}.
 */
class WebAppBrowserTest {
    private static final int SIZE = 50 * 1024 * 1024;
    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("web-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestServer server;
    private BrowserScripts scripts;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        scripts = BrowserScripts.require(TARGET.resolve("browser-logs"));
        Files.createDirectories(SCREENSHOTS);
        server = TestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        return server.uri("/").toString();
    }

    /** A file of random bytes with a Chinese name, made once and reused by every test of the run. */
    private static Path file() throws IOException {
        Path file = TARGET.resolve("browser-files").resolve("旅行视频 第一天.bin");
        if (!Files.exists(file) || Files.size(file) != SIZE) {
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[SIZE];
            new Random(7).nextBytes(bytes);
            Files.write(file, bytes);
        }
        return file;
    }

    private JsonNode upload(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri("/api/uploads/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String idOf(String url) {
        return URI.create(url).getPath().replace("/files/", "");
    }

    private byte[] sha256Of(URI uri) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    private void assertStoredIsTheFile(String url) throws Exception {
        JsonNode stored = upload(idOf(url));
        assertTrue(stored.get("complete").asBoolean(), stored::toString);
        assertEquals(SIZE, stored.get("size").asLong());
        assertEquals("旅行视频 第一天.bin", stored.get("filename").asText());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file()));
        assertArrayEquals(expected, sha256Of(URI.create(url)), "the stored bytes are the file's");
    }

    @Test
    void fiftyMebibytesThroughTheUploadPageAppearInTheLibrary() throws Exception {
        JsonNode seen = scripts.run("upload.mjs", base(), "complete", file().toString(), SCREENSHOTS.toString());
        assertTrue(seen.get("rowText").asText().contains("50 MiB of 50 MiB stored"), seen::toString);
        assertTrue(seen.get("libraryText").asText().contains("旅行视频 第一天.bin"), seen::toString);
        assertStoredIsTheFile(seen.get("url").asText());
    }

    @Test
    void afterAReloadTheSameFileContinuesTheSameUpload() throws Exception {
        JsonNode seen = scripts.run("upload.mjs", base(), "reload", file().toString(), SCREENSHOTS.toString());
        long offsetAtResume = seen.get("offsetBeforePick").asLong();
        assertTrue(offsetAtResume > 0 && offsetAtResume < SIZE, "the server had part of it: " + seen);
        assertEquals(seen.get("firstUrl").asText(), seen.get("url").asText(), "the same upload continued");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(server.uri("/api/uploads")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(1, JSON.readTree(list.body()).get("uploads").size(), "no second upload was created");
        assertStoredIsTheFile(seen.get("url").asText());
    }

    @Test
    void aLargeFileGoesAsPartsAtOnceThatContinueAfterAPauseAndAreJoined() throws Exception {
        JsonNode seen = scripts.run("upload.mjs", base(), "parts", "-", SCREENSHOTS.toString());
        assertEquals("complete", seen.get("state").asText(), seen::toString);
        JsonNode parts = seen.get("created").get("parts");
        assertEquals(3, parts.size(), seen::toString);
        assertEquals(parts, seen.get("resumed").get("parts"), "the new FileUpload continued the same parts");
        long resumedAt = seen.get("resumed").get("offset").asLong();
        assertTrue(resumedAt >= seen.get("pausedAt").asLong() && resumedAt < seen.get("total").asLong(),
                "it continued from what the server had: " + seen);
        String url = seen.get("url").asText();
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).header("Tus-Resumable", "1.0.0").build(), HttpResponse.BodyHandlers.discarding());
        String concat = head.headers().firstValue("Upload-Concat").orElse("");
        for (JsonNode part : parts) {
            assertTrue(concat.contains(URI.create(part.asText()).getPath()), "the final upload joins " + part + ": " + concat);
        }
        assertEquals(seen.get("total").asLong(), upload(idOf(url)).get("size").asLong());
        assertEquals(seen.get("sha256").asText(), java.util.HexFormat.of().formatHex(sha256Of(URI.create(url))),
                "the joined bytes are the file's");
    }

    @Test
    void goingOfflineAndBackCompletesTheUpload() throws Exception {
        JsonNode seen = scripts.run("upload.mjs", base(), "offline", file().toString(), SCREENSHOTS.toString());
        assertTrue(seen.get("bannerWhileOffline").asText().startsWith("Offline"), seen::toString);
        assertTrue(seen.get("stateWhileOffline").asText().contains("offline"), seen::toString);
        assertTrue(seen.get("offsetStillOffline").asLong() < SIZE, "it was not finished while offline: " + seen);
        assertStoredIsTheFile(seen.get("url").asText());
    }

    @Test
    void aRecordingPlaysWhileUploadingAndAfterwardsWithItsDurationAndSeeks() throws Exception {
        JsonNode seen = scripts.run("record.mjs", base(), SCREENSHOTS.toString());
        assertEquals("recording", seen.get("liveState").asText(), "the library showed it as still recording");
        assertTrue(seen.get("livePlayback").get("currentTime").asDouble() > 0.3, "it played while uploading: " + seen);
        assertTrue(seen.get("liveTime").asText().endsWith("live"), seen::toString);

        JsonNode stored = seen.get("server");
        assertTrue(stored.get("complete").asBoolean(), stored::toString);
        assertEquals("video/webm", stored.get("type").asText());
        double duration = Double.parseDouble(stored.get("metadata").get("duration").asText());
        assertTrue(duration >= 4.9 && duration < 8, "duration " + duration);
        assertEquals(duration, seen.get("shownDuration").asDouble(), 0.5, "the player shows the duration");
        assertTrue(seen.get("rowText").asText().contains("0:0"), seen::toString);

        double afterSeek = seen.get("afterSeek").asDouble();
        assertTrue(afterSeek > duration * 0.6 - 1 && afterSeek < duration * 0.6 + 1, "a click at 60% seeks there: " + seen);
        assertTrue(seen.get("afterPlaying").asDouble() > afterSeek, "it plays on after seeking: " + seen);
        assertTrue(seen.get("afterDrag").asDouble() < duration * 0.2 + 1, "a drag seeks back: " + seen);

        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(stored.get("url").asText()))
                .header("Range", "bytes=0-3").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, head.statusCode());
        assertEquals("1a45dfa3", HexFormat.of().formatHex(head.body()), "a WebM (EBML) file");
    }
}
