package dev.carryon.server;

import dev.carryon.server.ByteRangesBody.Part;
import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Carryon and nginx serving the same bytes: {@code /data} (10,000 random bytes) and {@code /empty}, put in
 * nginx's root as files and uploaded to Carryon with tus. A {@link Case} is sent to both, with {@code {etag}},
 * {@code {lm}} (Last-Modified), {@code {before}} (a second earlier), {@code {after}} (an hour later),
 * {@code {lm850}} and {@code {lmAsctime}} (Last-Modified in the obsolete date forms) filled in from each
 * server's own validators. Carryon's answer is always checked against the bytes themselves, and then
 * compared with nginx's: equal, or, where a case says why, different.
 */
final class NginxComparison implements AutoCloseable {
    static final int LENGTH = 10_000;
    private static final DateTimeFormatter IMF =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> carryonPaths = new LinkedHashMap<>();
    private Path root;
    private Nginx nginx;
    private TestServer carryon;

    /**
     * Starts both servers with the same files; {@code nginxDirectives} go into nginx's http block. Without
     * nginx, nothing is started and every test is skipped with how to install it.
     */
    static NginxComparison start(String nginxDirectives) throws Exception {
        NginxComparison c = new NginxComparison();
        if (Nginx.binary() == null) {
            return c;
        }
        try {
            c.startBoth(nginxDirectives);
            return c;
        } catch (Throwable failed) {
            c.close();
            throw failed;
        }
    }

    private void startBoth(String nginxDirectives) throws Exception {
        byte[] data = new byte[LENGTH];
        new Random(9110).nextBytes(data);
        files.put("data", data);
        files.put("empty", new byte[0]);
        root = Files.createTempDirectory("carryon-nginx-root");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(root.resolve(f.getKey()), f.getValue());
        }
        nginx = Nginx.serve(root, nginxDirectives);
        carryon = TestServer.start();
        Uploads uploads = new Uploads(carryon);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String id = uploads.create(f.getValue().length);
            if (f.getValue().length > 0) {
                uploads.append(id, 0, f.getValue());
            }
            carryonPaths.put(f.getKey(), Uploads.path(id));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (carryon != null) {
                carryon.close();
            }
            if (root != null) {
                Nginx.deleteTree(root);
            }
        }
    }

    /** One dynamic test per case. */
    Stream<DynamicTest> tests(Case... cases) {
        return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Assumptions.assumeTrue(nginx != null, Nginx.INSTALL_HINT);
            run(c);
        }));
    }

    private void run(Case c) throws Exception {
        byte[] file = files.get(c.file);
        Response ours = RawHttp.exchange(carryon.port(), c.request(carryonPaths.get(c.file),
                placeholders(carryon.port(), carryonPaths.get(c.file))));
        Response theirs = RawHttp.exchange(nginx.port(), c.request("/" + c.file,
                placeholders(nginx.port(), "/" + c.file)));
        checkAgainstTheBytes(c, ours, file);
        if (c.whyDifferent == null) {
            assertSame(c, ours, theirs);
        } else {
            assertFalse(sameAnswer(c, ours, theirs),
                    () -> c + ": nginx now answers as Carryon does; this case is no longer a difference:\n" + theirs);
        }
    }

    /** Each server's validators, from a HEAD of the file. */
    private static Map<String, String> placeholders(int port, String path) throws Exception {
        Response head = RawHttp.exchange(port, Request.of("HEAD", path));
        assertEquals(200, head.status(), head::toString);
        String etag = head.header("ETag");
        String lm = head.header("Last-Modified");
        assertNotNull(etag, () -> "no ETag: " + head);
        assertNotNull(lm, () -> "no Last-Modified: " + head);
        Instant modified = Instant.from(IMF.parse(lm));
        return Map.of("{etag}", etag, "{lm}", lm, "{before}", IMF.format(modified.minusSeconds(1)),
                "{after}", IMF.format(modified.plusSeconds(3600)), "{lm850}", RFC850.format(modified),
                "{lmAsctime}", ASCTIME.format(modified));
    }

    /** Carryon's answer must be the case's, and its bytes those of the file. */
    private static void checkAgainstTheBytes(Case c, Response r, byte[] file) {
        assertEquals(c.status, r.status(), () -> c + ": Carryon's status in\n" + r);
        boolean head = c.method.equals("HEAD");
        switch (r.status()) {
            case 200 -> {
                assertNull(r.header("Content-Range"), () -> c + ": Content-Range on a 200");
                assertEquals(Integer.toString(file.length), r.header("Content-Length"), c::toString);
                if (!head) {
                    assertArrayEquals(file, r.body(), c::toString);
                }
            }
            case 206 -> {
                if (head) {
                    assertEquals(c.ranges, List.of(new Part(null, r.header("Content-Range"), null).range()),
                            c::toString);
                    return;
                }
                List<Part> parts = ByteRangesBody.parts(r);
                assertEquals(c.ranges, parts.stream().map(Part::range).toList(), () -> c + ": ranges served");
                for (Part p : parts) {
                    assertEquals(Integer.toString(file.length), p.completeLength(), () -> c + ": " + p.contentRange());
                    assertArrayEquals(Arrays.copyOfRange(file, (int) p.first(), (int) p.last() + 1), p.bytes(),
                            () -> c + ": bytes of " + p.contentRange());
                }
            }
            case 416 -> assertEquals("bytes */" + file.length, r.header("Content-Range"), c::toString);
            case 304 -> {
                assertEquals(0, r.body().length);
                assertNull(r.header("Content-Range"), c::toString);
            }
            default -> { }
        }
    }

    private static void assertSame(Case c, Response ours, Response theirs) {
        assertEquals(theirs.status(), ours.status(), () -> c + ": status, nginx answered\n" + theirs);
        assertEquals(theirs.header("Content-Range"), ours.header("Content-Range"), () -> c + ": Content-Range");
        if (ours.status() == 200 || (ours.status() == 206 && !isMultipart(ours))) {
            assertEquals(theirs.header("Content-Length"), ours.header("Content-Length"), () -> c + ": Content-Length");
            assertEquals(theirs.header("Content-Type"), ours.header("Content-Type"), () -> c + ": Content-Type");
            assertArrayEquals(theirs.body(), ours.body(), () -> c + ": body");
        }
        if (ours.status() == 206 && isMultipart(ours) && !c.method.equals("HEAD")) {
            // Boundaries differ, so the lengths do too: compare part by part.
            assertEquals(describe(ByteRangesBody.parts(theirs)), describe(ByteRangesBody.parts(ours)),
                    () -> c + ": parts");
        }
    }

    private static boolean sameAnswer(Case c, Response ours, Response theirs) {
        try {
            assertSame(c, ours, theirs);
            return true;
        } catch (AssertionError differs) {
            return false;
        }
    }

    private static boolean isMultipart(Response r) {
        String type = r.header("Content-Type");
        return type != null && type.startsWith("multipart/byteranges");
    }

    private static List<String> describe(List<Part> parts) {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            out.add(p.contentType() + " | " + p.contentRange() + " | " + Arrays.hashCode(p.bytes()));
        }
        return out;
    }

    /**
     * A request and the answer Carryon must give: status and, for a 206, the ranges served
     * ({@code first-last} each). Either nginx answers the same, or {@link #unlikeNginx} says why not.
     */
    static final class Case {
        private final String name;
        private final String file;
        private final String method;
        private final List<String> headers;
        private int status;
        private List<String> ranges = List.of();
        private String whyDifferent;

        private Case(String method, String file, String... headers) {
            this.method = method;
            this.file = file;
            this.headers = List.of(headers);
            this.name = method + " /" + file + " " + Stream.iterate(0, i -> i + 1 < headers.length, i -> i + 2)
                    .map(i -> headers[i] + ": " + headers[i + 1].replace("\t", "\\t"))
                    .collect(Collectors.joining(", "));
        }

        /** A GET of {@code file} with header fields (name, value, …). */
        static Case get(String file, String... headers) {
            return new Case("GET", file, headers);
        }

        static Case head(String file, String... headers) {
            return new Case("HEAD", file, headers);
        }

        /** A GET of the 10,000-byte file with this Range header. */
        static Case range(String range) {
            return get("data", "Range", range);
        }

        /** The status Carryon answers with, and for a 206 the ranges it serves. */
        Case answers(int expectedStatus, String... servedRanges) {
            this.status = expectedStatus;
            this.ranges = List.of(servedRanges);
            return this;
        }

        /** Carryon deliberately answers otherwise than nginx, for the reason given. */
        Case unlikeNginx(String why) {
            assertNotEquals("", why.strip());
            this.whyDifferent = why;
            return this;
        }

        Request request(String path, Map<String, String> placeholders) {
            Request r = Request.of(method, path);
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                String value = headers.get(i + 1);
                for (Map.Entry<String, String> p : placeholders.entrySet()) {
                    value = value.replace(p.getKey(), p.getValue());
                }
                r = r.header(headers.get(i), value);
            }
            return r;
        }

        @Override
        public String toString() {
            return name.length() > 160 ? name.substring(0, 157) + "..." : name;
        }
    }
}
