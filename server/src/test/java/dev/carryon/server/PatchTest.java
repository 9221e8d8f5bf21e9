package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.carryon.server.Uploads.patchAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How PATCH bodies arrive: chunked, empty, after 100 Continue, in several requests, or cut off. */
class PatchTest extends ServerTest {

    @Test
    void chunkedBodyIsAppended() throws Exception {
        String id = uploads.create(9);
        Response r = uploads.send(patchAt(id, 0).chunked(List.of("abc".getBytes(), "defg".getBytes(), "hi".getBytes())));
        assertEquals(204, r.status(), r::toString);
        assertEquals("9", r.header("Upload-Offset"));
        assertArrayEquals("abcdefghi".getBytes(), uploads.download(id));
    }

    @Test
    void chunkedBodyGrowsADeferredUpload() throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        Response r = uploads.send(patchAt(id, 0).chunked(List.of(new byte[70_000], new byte[70_000])));
        assertEquals(204, r.status(), r::toString);
        assertEquals(140_000, uploads.offset(id));
    }

    @Test
    void emptyPatchAtTheEndIsAcknowledged() throws Exception {
        String id = uploads.create(3);
        uploads.append(id, 0, "abc");
        Response r = uploads.send(patchAt(id, 3).body(new byte[0]));
        assertEquals(204, r.status(), r::toString);
        assertEquals("3", r.header("Upload-Offset"));
        Response chunked = uploads.send(patchAt(id, 3).chunked(List.of()));
        assertEquals(204, chunked.status(), chunked::toString);
        assertEquals("3", chunked.header("Upload-Offset"));
    }

    @Test
    void emptyPatchOfAnEmptyUploadIsAcknowledged() throws Exception {
        String id = uploads.create(0);
        Response r = uploads.send(patchAt(id, 0).body(new byte[0]));
        assertEquals(204, r.status(), r::toString);
        assertEquals("0", r.header("Upload-Offset"));
    }

    @Test
    void expectContinueGetsAnInterimResponseWithAReason() throws Exception {
        String id = uploads.create(5);
        try (RawHttp http = RawHttp.connect(server.port())) {
            Request patch = patchAt(id, 0).header("Expect", "100-continue").header("Content-Length", "5");
            http.sendHead(patch);
            Response interim = http.readOne("PATCH");
            assertEquals(100, interim.status());
            assertEquals("HTTP/1.1 100 Continue", interim.statusLine());
            http.send("hello");
            Response done = http.readResponse("PATCH");
            assertEquals(204, done.status(), done::toString);
            assertEquals("5", done.header("Upload-Offset"));
        }
    }

    @Test
    void expectContinueIsNotSentWhenTheRequestIsRefusedAnyway() throws Exception {
        String id = uploads.create(5);
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(patchAt(id, 2).header("Expect", "100-continue").header("Content-Length", "3"));
            Response r = http.readResponse("PATCH");
            assertEquals(409, r.status(), r::toString);
            assertEquals(List.of(), r.interim());
            assertEquals("0", r.header("Upload-Offset"));
        }
    }

    @Test
    void severalRequestsShareOneConnection() throws Exception {
        String id = uploads.create(6);
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send(patchAt(id, 0).body("abc"));
            assertEquals("3", http.readResponse("PATCH").header("Upload-Offset"));
            http.send(patchAt(id, 3).body("def"));
            assertEquals("6", http.readResponse("PATCH").header("Upload-Offset"));
            http.send(Uploads.headOf(id));
            assertEquals("6", http.readResponse("HEAD").header("Upload-Offset"));
        }
    }

    @Test
    void interruptedPatchKeepsWhatArrived() throws Exception {
        String id = uploads.create(1_000_000);
        byte[] sent = new byte[300_000];
        new Random(7).nextBytes(sent);
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(patchAt(id, 0).header("Content-Length", "1000000"));
            http.send(sent);
        }
        awaitStoredBytes(id, 300_000);
        assertEquals(300_000, uploads.offset(id));
        assertArrayEquals(sent, uploads.download(id));

        byte[] rest = new byte[700_000];
        assertEquals(1_000_000, uploads.append(id, 300_000, rest));
    }

    /**
     * Gives the server a moment to take in what is still in flight, watching with a plain HEAD: unlike a tus
     * HEAD it takes no lock, so it does not end the request that is still reading.
     */
    private void awaitStoredBytes(String id, long expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long stored;
        do {
            Thread.sleep(20);
            stored = Long.parseLong(uploads.send(Request.of("HEAD", Uploads.path(id))).header("Content-Length"));
        } while (stored < expected && System.nanoTime() < deadline);
        assertTrue(stored <= expected, "more was stored than was sent");
    }
}
