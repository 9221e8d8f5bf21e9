package dev.carryon.server;

import dev.carryon.server.BadInputTest.Bad;
import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import dev.carryon.server.http.MinimumDataRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.OCTETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile-input suite: a corpus of malformed and hostile requests (offsets, lengths, metadata, concatenation
 * lists, checksums, digests, ids with traversal or control characters, oversized headers, request smuggling,
 * bodies longer than declared) and seeded fuzzing of the protocol headers, sent while slow-drip connections
 * (slowloris: header fields a byte at a time, bodies far below the minimum data rate) hold sockets open and a
 * bystander keeps asking for its own upload. Never a 5xx, never a change to what is stored (HEAD and every
 * file's SHA-256 compared before and after), never a file outside the data directory; the dripping bodies
 * are ended by the minimum data rate, and the bystander is answered quickly all along.
 */
class HostileInputSuiteTest {
    private static final String ESCAPE = "carryon-escape-marker";
    private static final int FUZZED = 400;
    private static final int HEADER_DRIPPERS = 100;
    private static final int BODY_DRIPPERS = 20;

    @TempDir
    Path sandbox;
    private TestServer server;
    private Bystander bystander;
    private final List<RawHttp> drippers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withDataDir(sandbox.resolve("data")).withMaxSize(1_000_000)
                .withIdleTimeout(Duration.ofSeconds(5)).withMinDataRate(new MinimumDataRate(2000, Duration.ofSeconds(1))));
    }

    @AfterEach
    void stop() throws Exception {
        for (RawHttp d : drippers) {
            d.close();
        }
        if (bystander != null) {
            bystander.stop();
        }
        server.close();
        for (Path outside : List.of(sandbox.getParent().resolve(ESCAPE), sandbox.getRoot().resolve(ESCAPE))) {
            assertFalse(Files.exists(outside), () -> "a file escaped the data directory: " + outside);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void hostileRequestsChangeNothingAndTheServerKeepsAnswering() throws Exception {
        long seed = Long.getLong("carryon.reliability.seed", System.nanoTime());
        long started = System.nanoTime();
        Uploads uploads = new Uploads(server);
        // The bystander's upload is in the data directory too: its files are in every snapshot, unchanged.
        bystander = Bystander.start(server, uploads.create(1000));
        openHeaderDrippers();
        BadInputRunner runner = new BadInputRunner(server, sandbox);
        List<BodyDripper> bodies = new ArrayList<>();
        for (int i = 0; i < BODY_DRIPPERS; i++) {
            String id = uploads.create(100_000);
            runner.ignore(id); // its bytes arrive (slowly) while the corpus runs
            bodies.add(BodyDripper.start(server, id));
        }

        List<Bad> corpus = Stream.of(BadInputTest.offsets(), BadInputTest.lengths(), BadInputTest.metadata(),
                BadInputTest.checksums(), BadInputTest.concatenation(), BadInputTest.ids(), BadInputTest.bodies(),
                DraftBadInput.cases(), HostileCorpus.cases()).flatMap(List::stream).toList();
        List<String> failures = new ArrayList<>();
        for (Bad c : corpus) {
            try {
                runner.run(c);
            } catch (AssertionError failed) {
                failures.add(c.name() + ": " + failed.getMessage());
                System.out.println("[hostile] FAILED " + c.name() + ": " + failed.getMessage().lines().findFirst().orElse(""));
            }
        }

        Map<Integer, Integer> fuzzStatuses = new TreeMap<>();
        HeaderFuzzer fuzz = new HeaderFuzzer(seed);
        for (int i = 0; i < FUZZED; i++) {
            Request request = fuzzed(fuzz);
            try {
                Response r = runner.probe(request);
                fuzzStatuses.merge(r.status(), 1, Integer::sum);
            } catch (AssertionError failed) {
                failures.add("fuzzed request " + i + " (seed " + seed + "): " + failed.getMessage());
                System.out.println("[hostile] FAILED fuzzed request " + i + ": " + failed.getMessage());
            }
        }

        long endedByRate = 0;
        for (BodyDripper d : bodies) {
            if (d.awaitEnded(Duration.ofSeconds(10))) {
                endedByRate++;
            }
        }
        int headerDrippersOpen = stillOpen();
        Bystander.Figures seen = bystander.stop();
        new Report().put("seed", seed).put("corpus", corpus.size()).put("fuzzed", FUZZED)
                .put("requests", corpus.size() + FUZZED).put("fuzzStatuses", fuzzStatuses).put("failures", failures.size())
                .put("headerDrippers", HEADER_DRIPPERS + "(" + headerDrippersOpen + " open at the end)")
                .put("bodyDrippersEnded", endedByRate + "/" + BODY_DRIPPERS)
                .put("bystanderRequests", seen.requests()).put("bystanderFailures", seen.failures())
                .put("bystanderP99", String.format("%.1fms", seen.p99Nanos() / 1e6))
                .put("elapsed", String.format("%.1fs", (System.nanoTime() - started) / 1e9)).print();

        assertEquals(List.of(), failures, "seed " + seed);
        assertTrue(corpus.size() >= 200, "corpus of " + corpus.size());
        assertEquals(BODY_DRIPPERS, endedByRate, "dripping bodies ended by the minimum data rate");
        assertEquals(0, seen.failures(), "the bystander's requests failed meanwhile");
        assertTrue(seen.requests() > 50, "bystander requests: " + seen.requests());
        assertTrue(seen.p99Nanos() < 1_000_000_000L, "the bystander's p99 was " + seen.p99Nanos() / 1e6 + " ms");
    }

    /** Connections that send a request's header fields a byte every 200 ms and never finish them. */
    private void openHeaderDrippers() throws IOException {
        for (int i = 0; i < HEADER_DRIPPERS; i++) {
            RawHttp http = RawHttp.connect(server.port());
            http.send("HEAD /files/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            drippers.add(http);
        }
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    for (RawHttp d : drippers) {
                        d.send("a");
                    }
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException ended) {
                // closed in teardown, or by the server
            }
        });
    }

    private int stillOpen() throws IOException {
        int open = 0;
        for (RawHttp d : drippers) {
            if (!d.closedByServerWithin(1)) {
                open++;
            }
        }
        return open;
    }

    /** A request with fuzzed protocol headers, on one of the fixture's uploads or the creation endpoint. */
    private static Request fuzzed(HeaderFuzzer f) {
        String target = f.pick(List.of("/files/{id}", "/files/{deferred}", "/files/{partial}", "/files/{final}"));
        Request r = switch (f.pick(List.of("patch", "post", "draft-append", "draft-create", "head", "delete"))) {
            case "patch" -> Request.of("PATCH", target).tus().header("Upload-Offset", f.number(4))
                    .header("Content-Type", f.chance(80) ? OCTETS : f.any());
            case "post" -> {
                Request post = Uploads.creation();
                post = f.chance(60) ? post.header("Upload-Length", f.number(10)) : post;
                post = f.chance(30) ? post.header("Upload-Defer-Length", f.number(1)) : post;
                post = f.chance(40) ? post.header("Upload-Metadata", f.metadata()) : post;
                post = f.chance(30) ? post.header("Upload-Concat", f.concat()) : post;
                yield post;
            }
            case "draft-append" -> DraftVersion.latest().request("PATCH", target).header("Upload-Offset", f.structured())
                    .header("Upload-Complete", f.structured()).header("Content-Type", DraftVersion.PARTIAL_UPLOAD);
            case "draft-create" -> DraftVersion.latest().request("POST", "/files/").header("Upload-Complete", f.structured())
                    .header("Upload-Length", f.number(10));
            case "head" -> Request.of("HEAD", target).header("Tus-Resumable", f.chance(50) ? "1.0.0" : f.any());
            default -> Request.of("DELETE", target).header("Tus-Resumable", f.any());
        };
        if (f.chance(30)) {
            r = r.header("Upload-Checksum", f.checksum());
        }
        if (f.chance(20)) {
            r = r.header(f.pick(List.of("Upload-Offset", "Upload-Length", "Content-Digest", "Upload-Complete")), f.any());
        }
        return r.method().equals("PATCH") || r.method().equals("POST") ? r.body(f.pick(List.of("", "e", "efg", "efghijk")))
                : r;
    }

    /** The suite's figures, printed as one line. */
    private static final class Report {
        private final Map<String, Object> figures = new java.util.LinkedHashMap<>();

        Report put(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        void print() {
            StringBuilder s = new StringBuilder("[reliability] hostile:");
            figures.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
            System.out.println(s);
        }
    }
}
