package dev.carryon.server;

import dev.carryon.server.BadInputTest.Bad;
import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.b64;
import static dev.carryon.server.Uploads.creation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends hostile requests to a server and checks what each did: the status it got, that the answer shows no
 * internals, and that nothing changed — neither what HEAD reports of the fixture's uploads nor any byte of
 * any file in the sandbox around the data directory. The fixture: {@code {id}} (10 bytes, "abcd" stored, with
 * metadata), {@code {deferred}} (length deferred, "abc" stored), {@code {partial}} (a finished partial upload)
 * and {@code {final}} (the final upload made of it). Cases share it; one that fails, or that was allowed to
 * change something, makes the next start over with fresh uploads.
 */
final class BadInputRunner {
    private final TestServer server;
    private final Path sandbox;
    private final Uploads uploads;
    private Map<String, String> fixture;
    private final java.util.Set<String> ignored = new java.util.HashSet<>();

    BadInputRunner(TestServer server, Path sandbox) {
        this.server = server;
        this.sandbox = sandbox;
        this.uploads = new Uploads(server);
    }

    /** Leaves the files of upload {@code id} out of the comparisons: something else is changing it on purpose. */
    void ignore(String id) {
        ignored.add(id);
    }

    /** Sends {@code c} and asserts its status (any 4xx for 0), and that it showed nothing and changed nothing. */
    void run(Bad c) throws Exception {
        boolean passed = false;
        try {
            fixture();
            Map<String, String> before = snapshot();
            Response r = uploads.send(c.request().fill(fixture()));
            if (c.status() == 0) {
                assertTrue(r.status() >= 400 && r.status() < 500, () -> "expected a 4xx:\n" + r);
            } else {
                assertEquals(c.status(), r.status(), r::toString);
            }
            assertShowsNoInternals(r);
            assertUnchanged(before, snapshot(), r);
            passed = true;
        } finally {
            if (!passed) {
                fixture = null;
            }
        }
    }

    /**
     * Sends a request whose outcome is not known beforehand (a fuzzed one): it must not get a 5xx or show
     * internals, and unless it succeeded it must change nothing. Returns the response.
     */
    Response probe(Request request) throws Exception {
        boolean passed = false;
        try {
            fixture();
            Map<String, String> before = snapshot();
            Response r = uploads.send(request.fill(fixture()));
            assertTrue(r.status() < 500, () -> "a server error for\n" + new String(request.fill(fixture).bytes(),
                    java.nio.charset.StandardCharsets.ISO_8859_1) + "\n---\n" + r);
            assertShowsNoInternals(r);
            if (r.status() >= 300) {
                assertUnchanged(before, snapshot(), r);
                passed = true;
            }
            return r;
        } finally {
            if (!passed) {
                fixture = null; // succeeded, so it may have changed the uploads: start over
            }
        }
    }

    /** The fixture's names and ids, created when needed. */
    Map<String, String> fixture() throws Exception {
        if (fixture == null) {
            fixture = createFixture(uploads);
        }
        return fixture;
    }

    private static void assertShowsNoInternals(Response r) {
        assertFalse(r.text().contains("Exception") || r.text().contains("dev.carryon"), () -> "internals shown:\n" + r);
    }

    private static Map<String, String> createFixture(Uploads uploads) throws Exception {
        String id = uploads.create("Upload-Length", "10", "Upload-Metadata", "filename " + b64("a.txt") + ",private");
        uploads.append(id, 0, "abcd");
        String deferred = uploads.create("Upload-Defer-Length", "1");
        uploads.append(deferred, 0, "abc");
        String partial = uploads.create("Upload-Length", "2", "Upload-Concat", "partial");
        uploads.append(partial, 0, "xy");
        String fin = Uploads.idOf(uploads.send(creation().header("Upload-Concat", "final;/files/" + partial)));
        return Map.of("id", id, "ID", id.toUpperCase(Locale.ROOT), "deferred", deferred, "partial", partial,
                "final", fin);
    }

    private static void assertUnchanged(Map<String, String> before, Map<String, String> after, Response r) {
        Map<String, String> changed = new TreeMap<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                changed.put(k, v + " -> " + after.get(k));
            }
        });
        after.forEach((k, v) -> changed.putIfAbsent(k, before.containsKey(k) ? changed.get(k) : "new: " + v));
        changed.values().removeIf(java.util.Objects::isNull);
        assertEquals(Map.of(), changed, () -> "the request changed what is stored; the response was\n" + r);
    }

    private boolean compared(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return !ignored.contains(dot < 0 ? name : name.substring(0, dot));
    }

    /** Every file under the sandbox with the SHA-256 of its content, and what HEAD says of two uploads. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sandbox)) {
            for (Path file : files.filter(Files::isRegularFile).filter(this::compared).toList()) {
                state.put(sandbox.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        Map<String, String> f = fixture();
        for (String id : List.of(f.get("id"), f.get("deferred"))) {
            Response head = uploads.head(id);
            for (String h : List.of("Upload-Offset", "Upload-Length", "Upload-Defer-Length", "Upload-Metadata")) {
                state.put("HEAD " + id + " " + h, String.valueOf(head.header(h)));
            }
        }
        return state;
    }
}
