package dev.carryon.server;

import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 104 (Upload Resumption Supported) interim responses on the wire, read from a plain socket: the one
 * that announces a new upload arrives before any of the body was sent, so a client whose first request is
 * cut can resume; the progress ones report durably stored offsets while a long body arrives.
 */
class DraftInterimTest extends ServerTest {
    private static final String STATUS_LINE = "HTTP/1.1 104 Upload Resumption Supported";

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String path(Response interim) {
        String location = interim.header("Location");
        assertNotNull(location, () -> "no Location in " + interim);
        return URI.create(location).getPath();
    }

    @Test
    void theUploadIsAnnouncedBeforeTheBodyIsSent() throws Exception {
        DraftVersion v = DraftVersion.latest();
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(v.creation(true).header("Content-Length", "5"));
            Response announced = http.readOne("POST"); // nothing of the body has been sent yet
            assertEquals(STATUS_LINE, announced.statusLine());
            assertEquals("8", announced.header(DraftVersion.FIELD));
            assertTrue(announced.header("Location").matches("http://127\\.0\\.0\\.1:\\d+/files/[0-9a-f]{32}"), announced::toString);
            assertTrue(announced.header("Upload-Limit").matches("max-age=\\d+"), announced::toString);
            http.send("hello");
            Response created = http.readResponse("POST");
            assertEquals(201, created.status(), created::toString);
            assertEquals(announced.header("Location"), created.header("Location"));
            assertEquals("?1", created.header("Upload-Complete"));
        }
    }

    @Test
    void anUploadWhoseCreationWasCutResumesFromTheReportedOffset() throws Exception {
        DraftVersion v = DraftVersion.latest();
        byte[] content = random(3 << 20, 1);
        int sent = 1 << 20;
        String path;
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(v.creation(true).header("Content-Length", Integer.toString(content.length)));
            path = path(http.readOne("POST"));
            http.send(Arrays.copyOf(content, sent));
            Thread.sleep(300); // the server takes in what was sent; then the connection breaks
        }
        Response head = uploads.send(v.offsetRetrieval().withTarget(path));
        assertEquals(204, head.status(), head::toString);
        assertEquals(Integer.toString(sent), head.header("Upload-Offset"), "every byte that arrived was kept");
        assertEquals("?0", head.header("Upload-Complete"));

        Response resumed = uploads.send(v.append(sent, true).withTarget(path)
                .body(Arrays.copyOfRange(content, sent, content.length)));
        assertEquals(200, resumed.status(), resumed::toString);
        assertEquals("?1", resumed.header("Upload-Complete"));
        assertEquals(Integer.toString(content.length), resumed.header("Upload-Length"));
        assertEquals(sha256(content), sha256(uploads.download(path.substring(path.lastIndexOf('/') + 1))));
    }

    @Test
    void progressIsReportedWhileALongBodyArrives() throws Exception {
        byte[] content = random(40 << 20, 2);
        for (DraftVersion v : List.of(new DraftVersion(5), DraftVersion.latest())) {
            try (RawHttp http = RawHttp.connect(server.port())) {
                http.sendHead(v.creation(true).header("Content-Length", Integer.toString(content.length)));
                for (int at = 0; at < content.length; at += 4 << 20) {
                    http.send(Arrays.copyOfRange(content, at, Math.min(content.length, at + (4 << 20))));
                    Thread.sleep(250); // long enough a body for the server to report more than once
                }
                Response created = http.readResponse("POST");
                assertEquals(201, created.status(), created::toString);
                List<Response> interim = created.interim();
                assertTrue(interim.size() >= 2, () -> v + ": announcement and progress expected, got " + interim);
                assertNotNull(interim.getFirst().header("Location"));
                long last = 0;
                for (Response progress : interim.subList(1, interim.size())) {
                    assertEquals(STATUS_LINE, progress.statusLine());
                    assertFalse(progress.has("Location"), "progress responses carry no Location");
                    assertEquals(Integer.toString(v.number()), progress.header(DraftVersion.FIELD));
                    long offset = Long.parseLong(progress.header("Upload-Offset"));
                    assertTrue(offset > last && offset <= content.length, () -> "offsets grow: " + interim);
                    last = offset;
                }
            }
        }
    }

    @Test
    void versionsBeforeFiveReportNoProgress() throws Exception {
        byte[] content = random(40 << 20, 3);
        DraftVersion v = new DraftVersion(4);
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(v.creation(true).header("Content-Length", Integer.toString(content.length)));
            for (int at = 0; at < content.length; at += 8 << 20) {
                http.send(Arrays.copyOfRange(content, at, at + (8 << 20)));
                Thread.sleep(300);
            }
            Response created = http.readResponse("POST");
            assertEquals(201, created.status(), created::toString);
            assertEquals(1, created.interim().size(), () -> "only the announcement: " + created.interim());
            assertEquals("?1", created.header("Upload-Complete"));
        }
    }

    @Test
    void expectContinueIsAnsweredAndTheUploadAnnounced() throws Exception {
        DraftVersion v = DraftVersion.latest();
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(v.creation(false).header("Content-Length", "5").header("Expect", "100-continue"));
            Response first = http.readOne("POST");
            Response second = http.readOne("POST");
            assertEquals("HTTP/1.1 100 Continue", first.statusLine(), "the expectation is answered, not replaced by the 104");
            assertEquals(STATUS_LINE, second.statusLine());
            http.send("hello");
            Response created = http.readResponse("POST");
            assertEquals(201, created.status(), created::toString);
            assertEquals(path(second), URI.create(created.header("Location")).getPath());
            // The connection stays usable.
            Response head = http.send(v.offsetRetrieval().withTarget(path(second))).readResponse("HEAD");
            assertEquals("5", head.header("Upload-Offset"));
        }
    }

    @Test
    void anHttp10ClientGetsNoInterimResponse() throws Exception {
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send(("POST /files/ HTTP/1.0\r\nHost: 127.0.0.1\r\n" + DraftVersion.FIELD + ": 8\r\n"
                    + "Upload-Complete: ?1\r\nContent-Length: 5\r\n\r\nhello"));
            Response created = http.readResponse("POST");
            assertEquals(201, created.status(), created::toString);
            assertTrue(created.interim().isEmpty(), () -> "1xx responses are not for HTTP/1.0: " + created.interim());
            assertEquals("?1", created.header("Upload-Complete"));
        }
    }

    @Test
    void aRequestWithoutBodyIsNotAnnounced() throws Exception {
        Response created = uploads.send(DraftVersion.latest().creation(false));
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.interim().isEmpty(), () -> "nothing to resume: " + created.interim());
        byte[] nothing = uploads.download(Uploads.idOf(created));
        assertArrayEquals(new byte[0], nothing);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
