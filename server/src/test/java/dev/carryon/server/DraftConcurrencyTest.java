package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrency as the draft recommends: a new offset retrieval, append or cancellation on an upload with an
 * append still in flight ends that stale request (keeping what it delivered) and proceeds at once, with an
 * offset the client can use.
 */
class DraftConcurrencyTest extends ServerTest {
    /** Far below the idle timeout (30 s here) that would otherwise end a stalled request. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final DraftVersion V = DraftVersion.latest();

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Creates an upload by the draft and sends the first {@code sent} bytes of {@code content}; then stalls. */
    private RawHttp stalledCreation(byte[] content, int sent, String[] path) throws Exception {
        RawHttp stalled = RawHttp.connect(server.port());
        stalled.sendHead(V.creation(true).header("Content-Length", Integer.toString(content.length)));
        path[0] = java.net.URI.create(stalled.readOne("POST").header("Location")).getPath();
        stalled.send(Arrays.copyOf(content, sent));
        Thread.sleep(300); // the server takes in what was sent; then nothing more comes
        return stalled;
    }

    private static Response within(Duration limit, LockingTest.ThrowingSupplier<Response> action) throws Exception {
        long start = System.nanoTime();
        Response r = action.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(limit) < 0, () -> "took " + took.toMillis() + " ms");
        return r;
    }

    @Test
    void offsetRetrievalEndsAStalledCreationAndReportsWhatArrived() throws Exception {
        byte[] content = random(1_000_000, 1);
        String[] path = new String[1];
        try (RawHttp stalled = stalledCreation(content, 300_000, path)) {
            Response head = within(QUICKLY, () -> uploads.send(V.offsetRetrieval().withTarget(path[0])));
            assertEquals(204, head.status(), head::toString);
            assertEquals("300000", head.header("Upload-Offset"));
            assertEquals("?0", head.header("Upload-Complete"));
            assertTrue(stalled.closedByServerWithin(2_000), "the stale request's connection was ended");
        }
        Response done = uploads.send(V.append(300_000, true).withTarget(path[0])
                .body(Arrays.copyOfRange(content, 300_000, content.length)));
        assertEquals(200, done.status(), done::toString);
        assertArrayEquals(content, uploads.download(path[0].substring("/files/".length())));
    }

    @Test
    void anAppendEndsAStalledAppendAndContinuesAtTheRightOffset() throws Exception {
        byte[] content = random(600_000, 2);
        String id = uploads.create("Upload-Defer-Length", "1");
        Request append = V.append(0, true).withTarget(Uploads.path(id));
        try (RawHttp stalled = RawHttp.connect(server.port())) {
            stalled.sendHead(append.header("Content-Length", Integer.toString(content.length)));
            stalled.send(Arrays.copyOf(content, 200_000));
            Thread.sleep(300);
            Response tooEarly = within(QUICKLY, () -> uploads.send(append.body(content)));
            assertEquals(409, tooEarly.status(), tooEarly::toString);
            assertEquals("200000", tooEarly.header("Upload-Offset"), "the offset is final: the stale request ended first");
        }
        Response done = uploads.send(V.append(200_000, true).withTarget(Uploads.path(id))
                .body(Arrays.copyOfRange(content, 200_000, content.length)));
        assertEquals(200, done.status(), done::toString);
        assertArrayEquals(content, uploads.download(id));
    }

    @Test
    void cancellationEndsAStalledCreation() throws Exception {
        byte[] content = random(400_000, 3);
        String[] path = new String[1];
        try (RawHttp ignored = stalledCreation(content, 100_000, path)) {
            Response deleted = within(QUICKLY, () -> uploads.send(V.request("DELETE", path[0])));
            assertEquals(204, deleted.status(), deleted::toString);
        }
        assertEquals(404, uploads.send(V.offsetRetrieval().withTarget(path[0])).status());
        assertEquals(404, uploads.head(path[0].substring("/files/".length())).status(), "gone for tus too");
    }
}
