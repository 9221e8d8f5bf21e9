package dev.carryon.server;

import dev.carryon.server.ByteRangesBody.Part;
import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many readers of one upload at once, each on its own connection, all get exactly their bytes. */
class ParallelDownloadTest extends ServerTest {
    private static final int LENGTH = 1 << 20;
    private static final int READERS = 16;
    private static final int REQUESTS_EACH = 20;

    private byte[] content;
    private String path;

    @BeforeEach
    void upload() throws Exception {
        content = new byte[LENGTH];
        new Random(16).nextBytes(content);
        String id = uploads.create(LENGTH);
        uploads.append(id, 0, content);
        path = Uploads.path(id);
    }

    @Test
    void sixteenReadersOfRandomRangesAllGetTheRightBytes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(reader(new Random(r))));
            }
            int checked = 0;
            for (Future<Integer> reader : readers) {
                checked += reader.get(30, TimeUnit.SECONDS);
            }
            assertEquals(READERS * REQUESTS_EACH, checked);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One reader: keep-alive requests for one, two or three random ranges, each checked against the bytes. */
    private Callable<Integer> reader(Random random) {
        return () -> {
            int checked = 0;
            try (RawHttp http = RawHttp.connect(server.port())) {
                for (int i = 0; i < REQUESTS_EACH; i++) {
                    List<String> specs = new ArrayList<>();
                    int count = 1 + random.nextInt(3);
                    for (int k = 0; k < count; k++) {
                        int first = random.nextInt(LENGTH);
                        int last = Math.min(LENGTH - 1, first + random.nextInt(64 * 1024));
                        specs.add(k == 0 && random.nextInt(4) == 0 ? "-" + (last - first + 1) : first + "-" + last);
                    }
                    String range = "bytes=" + String.join(",", specs);
                    Response r = http.send(Request.of("GET", path).header("Range", range)).readResponse("GET");
                    List<Part> parts = ByteRangesBody.parts(r);
                    assertEquals(count, parts.size(), () -> range + " gave " + r);
                    for (Part p : parts) {
                        assertEquals(Integer.toString(LENGTH), p.completeLength(), range);
                        assertArrayEquals(Arrays.copyOfRange(content, (int) p.first(), (int) p.last() + 1), p.bytes(),
                                () -> range + ": " + p.contentRange());
                    }
                    checked++;
                }
            }
            return checked;
        };
    }
}
