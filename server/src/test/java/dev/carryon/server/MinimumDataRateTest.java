package dev.carryon.server;

import dev.carryon.server.http.MinimumDataRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body that arrives slower than the configured minimum rate is ended like a broken connection: the
 * connection closes, the bytes that arrived are kept, and the upload can be continued at once. A body that
 * arrives in bursts above the minimum is left alone.
 */
class MinimumDataRateTest {
    private static final MinimumDataRate RATE = new MinimumDataRate(2000, Duration.ofSeconds(1));
    private TestServer server;
    private Uploads uploads;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withMinDataRate(RATE));
        uploads = new Uploads(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aDrippingBodyIsEndedAndWhatArrivedIsKept() throws Exception {
        String id = uploads.create(100_000);
        long start = System.nanoTime();
        int sent = 0;
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(Uploads.patchAt(id, 0).header("Content-Length", "100000"));
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 10_000_000_000L) {
                try {
                    http.send(bytes(10));
                    sent += 10;
                } catch (java.io.IOException reset) {
                    break;
                }
                closed = http.closedByServerWithin(200);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "a body at 50 B/s was ended after " + millis + " ms, over a 1 s window");
        long offset = Long.parseLong(uploads.head(id).header("Upload-Offset"));
        assertTrue(offset > 0 && offset <= sent, "kept " + offset + " of the " + sent + " bytes dripped");
        assertEquals(offset + 3, uploads.append(id, offset, "abc"), "the upload continues at once");
    }

    @Test
    void aBodyInBurstsAboveTheMinimumIsNotEnded() throws Exception {
        String id = uploads.create(40_000);
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.sendHead(Uploads.patchAt(id, 0).header("Content-Length", "40000"));
            for (int i = 0; i < 7; i++) {
                http.send(bytes(5_000));
                assertFalse(http.closedByServerWithin(400), "closed after burst " + i);
            }
            http.send(bytes(5_000));
            assertEquals(204, http.readResponse("PATCH").status());
        }
        assertEquals("40000", uploads.head(id).header("Upload-Offset"));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

}
