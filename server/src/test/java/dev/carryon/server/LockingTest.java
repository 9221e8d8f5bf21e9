package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.carryon.server.Uploads.patchAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request at a time per upload, and a client that comes back is not locked out by the request it
 * abandoned: the server ends a stalled request (keeping what it delivered) when a newer one arrives.
 */
class LockingTest extends ServerTest {
    /** Far below the idle timeout (30 s here, 60 s by default) that would otherwise end a stalled request. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);


    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Opens a PATCH that declares all of {@code content}, sends the first {@code sent} bytes, and stalls. */
    private RawHttp stalledPatch(String id, byte[] content, int sent) throws Exception {
        RawHttp stalled = RawHttp.connect(server.port());
        stalled.sendHead(patchAt(id, 0).header("Content-Length", Integer.toString(content.length)));
        stalled.send(Arrays.copyOf(content, sent));
        Thread.sleep(500); // let the server take in what was sent; then nothing more comes
        return stalled;
    }

    private static <T> T within(Duration limit, ThrowingSupplier<T> action) throws Exception {
        long start = System.nanoTime();
        T result = action.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(limit) < 0, () -> "took " + took.toMillis() + " ms");
        return result;
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @Test
    void headEndsAStalledPatchAndReportsWhatArrived() throws Exception {
        byte[] content = random(1_000_000, 1);
        String id = uploads.create(content.length);
        try (RawHttp stalled = stalledPatch(id, content, 200_000)) {
            Response head = within(QUICKLY, () -> uploads.head(id));
            assertEquals(200, head.status(), head::toString);
            assertEquals("200000", head.header("Upload-Offset"));
            assertTrue(stalled.closedByServerWithin(2_000), "the stalled request's connection was ended");

            Response resumed = uploads.send(patchAt(id, 200_000).body(Arrays.copyOfRange(content, 200_000, content.length)));
            assertEquals(204, resumed.status(), resumed::toString);
            assertEquals("1000000", resumed.header("Upload-Offset"));
        }
        assertArrayEquals(content, uploads.download(id));
    }

    @Test
    void headEndingAPatchKeepsEveryByteThatArrived() throws Exception {
        byte[] content = random(16 << 20, 5);
        int sent = 8 << 20;
        String id = uploads.create(content.length);
        try (RawHttp patch = RawHttp.connect(server.port())) {
            patch.sendHead(patchAt(id, 0).header("Content-Length", Integer.toString(content.length)));
            patch.send(Arrays.copyOf(content, 1000));
            Thread.sleep(300); // the PATCH now holds the upload and waits for more
            patch.send(Arrays.copyOfRange(content, 1000, sent));
            // At once: megabytes are still in socket buffers, received by the server's side but not yet read.
            Response head = within(QUICKLY, () -> uploads.head(id));
            assertEquals(Integer.toString(sent), head.header("Upload-Offset"), head::toString);
        }
        // The kept bytes are the content's: completed from there, the upload is the file (a check that holds
        // for stores that can serve an unfinished upload's bytes and for those that cannot).
        Response rest = uploads.send(patchAt(id, sent).body(Arrays.copyOfRange(content, sent, content.length)));
        assertEquals(204, rest.status(), rest::toString);
        assertArrayEquals(content, uploads.download(id));
    }

    @Test
    void patchEndsAStalledPatchAndThenFitsOrSaysWhere() throws Exception {
        byte[] content = random(500_000, 2);
        String id = uploads.create(content.length);
        try (RawHttp stalled = stalledPatch(id, content, 100_000)) {
            Response tooEarly = within(QUICKLY, () -> uploads.send(patchAt(id, 0).body(content)));
            assertEquals(409, tooEarly.status(), tooEarly::toString);
            assertEquals("100000", tooEarly.header("Upload-Offset"));
        }
        assertEquals(500_000, uploads.append(id, 100_000, Arrays.copyOfRange(content, 100_000, content.length)));
        assertArrayEquals(content, uploads.download(id));
    }

    @Test
    void deleteEndsAStalledPatch() throws Exception {
        byte[] content = random(300_000, 3);
        String id = uploads.create(content.length);
        try (RawHttp ignored = stalledPatch(id, content, 50_000)) {
            Response deleted = within(QUICKLY, () -> uploads.send(Request.of("DELETE", Uploads.path(id)).tus()));
            assertEquals(204, deleted.status(), deleted::toString);
        }
        assertEquals(404, uploads.head(id).status());
    }

    /**
     * Requests that were waiting for the lock while a DELETE held it find the upload gone: 404 or 410, never
     * a failure of the server. A stalled PATCH holds the lock while a DELETE, a HEAD and a PATCH arrive
     * together. (If the PATCH gets the lock first, the DELETE ends it: that one may get no answer at all.)
     */
    @Test
    void requestsQueuedBehindADeleteFindTheUploadGone() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < 4; round++) {
                byte[] content = random(1000, round);
                String id = uploads.create(content.length);
                try (RawHttp ignored = stalledPatch(id, content, 10)) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<String>> requests = new ArrayList<>();
                    for (Request r : List.of(Request.of("DELETE", Uploads.path(id)).tus(), Uploads.headOf(id),
                            patchAt(id, 10).body(Arrays.copyOfRange(content, 10, content.length)))) {
                        requests.add(pool.submit(() -> {
                            go.await();
                            try {
                                return r.method() + " " + uploads.send(r).statusLine();
                            } catch (IOException cut) {
                                return r.method() + " ended";
                            }
                        }));
                    }
                    go.countDown();
                    for (Future<String> request : requests) {
                        String outcome = request.get();
                        assertTrue(outcome.matches("(DELETE|HEAD|PATCH) HTTP/1.1 [1-4]\\d\\d .*|PATCH ended"), outcome);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingPatchesNeverCorruptTheUpload() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < 12; round++) {
                byte[] content = random(1_500_000, 10 + round);
                String id = uploads.create(content.length);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> racers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    racers.add(pool.submit(() -> slowPatch(id, content, go)));
                }
                go.countDown();
                for (Future<Integer> racer : racers) {
                    int status = racer.get();
                    assertTrue(List.of(-1, 204, 409, 423).contains(status), "unexpected status " + status);
                }
                long offset = offsetOnceFree(id);
                if (offset < content.length) {
                    uploads.append(id, offset, Arrays.copyOfRange(content, (int) offset, content.length));
                }
                assertEquals(sha256(content), sha256(uploads.download(id)), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The offset by HEAD, asking again after a 423: a request that was ended may still be making its bytes
     * durable, and on a busy machine that can outlast the server's patience. A lock that is never released
     * still fails here.
     */
    private long offsetOnceFree(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Response head = uploads.head(id);
        while (head.status() == 423 && System.nanoTime() < deadline) {
            head = uploads.head(id);
        }
        assertEquals(200, head.status(), head::toString);
        return Long.parseLong(head.header("Upload-Offset"));
    }

    /** Sends all of {@code content} at offset 0 in small pieces; returns the status, or -1 if cut off. */
    private int slowPatch(String id, byte[] content, CountDownLatch go) throws Exception {
        try (RawHttp http = RawHttp.connect(server.port())) {
            go.await();
            http.sendHead(patchAt(id, 0).header("Content-Length", Integer.toString(content.length)));
            for (int at = 0; at < content.length; at += 100_000) {
                http.send(Arrays.copyOfRange(content, at, Math.min(content.length, at + 100_000)));
                Thread.sleep(2);
            }
            return http.readResponse("PATCH").status();
        } catch (IOException cut) {
            return -1;
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
