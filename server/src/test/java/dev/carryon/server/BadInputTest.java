package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.OCTETS;
import static dev.carryon.server.Uploads.b64;
import static dev.carryon.server.Uploads.creation;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Hostile and malformed requests: each must be refused with a 4xx, and must change nothing, neither what
 * HEAD reports nor any byte of any file in the sandbox around the data directory. The cases work on
 * {@code {id}} (10 bytes, "abcd" stored, with metadata), {@code {deferred}} (length deferred, "abc" stored),
 * {@code {partial}} (a finished partial upload) and {@code {final}} (the final upload made of it).
 */
class BadInputTest {
    private static final String ESCAPE = "carryon-escape-marker";
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path sandbox;
    private TestServer server;
    private BadInputRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withDataDir(sandbox.resolve("data")).withMaxSize(1_000_000));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        // Inside the sandbox every new file shows in the snapshots; these are where an escape would land outside.
        for (Path outside : List.of(sandbox.getParent().resolve(ESCAPE), sandbox.getRoot().resolve(ESCAPE))) {
            assertFalse(Files.exists(outside), () -> "a file escaped the data directory: " + outside);
        }
    }

    /** A malformed request and the status it must get; 0 for "any 4xx" where several are right. */
    record Bad(String name, Request request, int status) {
    }

    private static Bad bad(String name, int status, Request request) {
        return new Bad(printable(name), request, status);
    }

    /** A test name that reports can show: control characters escaped, long values cut short. */
    private static String printable(String name) {
        StringBuilder s = new StringBuilder();
        name.codePoints().limit(80).forEach(c -> s.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return name.length() > 80 ? s + "…" : s.toString();
    }

    private static Request patch(String offset) {
        Request r = Request.of("PATCH", "/files/{id}").tus().header("Content-Type", OCTETS);
        return offset == null ? r : r.header("Upload-Offset", offset);
    }

    private static Request post(String name, String value) {
        return creation().header(name, value);
    }

    private static Request withMetadata(String metadata) {
        return creation().header("Upload-Length", "10").header("Upload-Metadata", metadata);
    }

    private static Request checksum(String value) {
        return patch("4").header("Upload-Checksum", value).body("efg");
    }

    private static Request concat(String value) {
        return creation().header("Upload-Concat", value);
    }

    static List<Bad> offsets() {
        List<Bad> cases = new ArrayList<>();
        cases.add(bad("PATCH without Upload-Offset", 400, patch(null).body("efg")));
        // Spaces and tabs around a value are not part of it (RFC 9110 5.5); other whitespace is.
        for (String offset : List.of("-4", "+4", "4.0", "0x4", "4e0", "04 4", "4,4", "", "four", "٤",
                "\u000b4", "4\u000c", "4\u00a0", "99999999999999999999", "9223372036854775808",
                "-9223372036854775808")) {
            cases.add(bad("Upload-Offset '" + offset + "'", 400, patch(offset).body("efg")));
        }
        cases.add(bad("Upload-Offset twice, with different values", 400,
                patch("4").header("Upload-Offset", "0").body("efg")));
        return cases;
    }

    static List<Bad> lengths() {
        List<Bad> cases = new ArrayList<>();
        for (String length : List.of("-1", "+10", "10.0", "0x10", "1e3", "10 0", "", "ten", "\u000b10", "10\u00a0",
                "99999999999999999999", "9223372036854775808")) {
            cases.add(bad("Upload-Length '" + length + "'", 400, post("Upload-Length", length)));
        }
        cases.add(bad("Upload-Length larger than Tus-Max-Size", 413, post("Upload-Length", "1000001")));
        cases.add(bad("Upload-Length twice, with different values", 400,
                post("Upload-Length", "10").header("Upload-Length", "20")));
        for (String defer : List.of("0", "2", "true", "", "1 1", "01x")) {
            cases.add(bad("Upload-Defer-Length '" + defer + "'", 400, post("Upload-Defer-Length", defer)));
        }
        cases.add(bad("Upload-Length and Upload-Defer-Length", 400,
                post("Upload-Length", "10").header("Upload-Defer-Length", "1")));
        cases.add(bad("PATCH declaring a different Upload-Length", 400,
                patch("4").header("Upload-Length", "11").body("efg")));
        cases.add(bad("PATCH declaring a malformed Upload-Length", 400,
                patch("4").header("Upload-Length", "-10").body("efg")));
        cases.add(bad("PATCH declaring a deferred length below what is stored", 400,
                Request.of("PATCH", "/files/{deferred}").tus().header("Content-Type", OCTETS)
                        .header("Upload-Offset", "3").header("Upload-Length", "2").body("")));
        cases.add(bad("PATCH declaring a deferred length beyond Tus-Max-Size", 413,
                Request.of("PATCH", "/files/{deferred}").tus().header("Content-Type", OCTETS)
                        .header("Upload-Offset", "3").header("Upload-Length", "1000001").body("")));
        return cases;
    }

    static List<Bad> metadata() {
        List<Bad> cases = new ArrayList<>();
        for (String metadata : List.of("filename not*base64", "filename YQ", "filename YQ=", "filename Y===",
                "filename YWJj\u00e9", "a YQ==,a Yg==", "a YQ==,,b Yg==", "a YQ==,", ",a YQ==", "a  YQ==",
                "a YQ== b", "fi\u00e9le YQ==", "key\u007f YQ==",
                "filename " + b64("x") + "\u000b")) {
            cases.add(bad("Upload-Metadata '" + metadata + "'", 400, withMetadata(metadata)));
        }
        cases.add(bad("Upload-Metadata with a control character", 400, withMetadata("fi\u0001le YQ==")));
        return cases;
    }

    static List<Bad> checksums() {
        List<Bad> cases = new ArrayList<>();
        for (String value : List.of("sha1", "sha1 ", "sha1 !!!!", "sha1 YQ== extra", "sha1  YQ==", "",
                "whirlpool YQ==", "SHA1 YQ==", "sha1 YQ=")) {
            cases.add(bad("Upload-Checksum '" + value + "'", 400, checksum(value)));
        }
        cases.add(bad("Upload-Checksum with a huge checksum", 460, checksum("md5 " + "A".repeat(10_000))));
        cases.add(bad("creation-with-upload with a checksum that is not Base64", 400, creation()
                .header("Upload-Length", "10").header("Content-Type", OCTETS).header("Upload-Checksum", "sha1 !!")
                .body("abc")));
        cases.add(bad("creation-with-upload with an unknown checksum algorithm", 400, creation()
                .header("Upload-Length", "10").header("Content-Type", OCTETS).header("Upload-Checksum", "crc64 AAAA")
                .body("abc")));
        return cases;
    }

    static List<Bad> concatenation() {
        List<Bad> cases = new ArrayList<>();
        for (String value : List.of("partial;final", "partial final", "final", "final;", "final; ", "FINAL;/files/{partial}",
                "final;/files/{id}", "final;/files/{partial},/files/{partial}", "final;http://[::1/files/{partial}",
                "final;%zz", "final;/files/../files/{partial}", "final;/files/%2e%2e/files/{partial}",
                "final;/files/" + UNKNOWN, "final;/files/{partial}/", "final;/files/{partial}.info")) {
            Request request = value.startsWith("partial") ? concat(value).header("Upload-Length", "3") : concat(value);
            cases.add(bad("Upload-Concat '" + value + "'", 400, request));
        }
        cases.add(bad("Upload-Concat with more parts than fit in the 16 KiB of header fields", 431,
                concat("final;" + "/files/{partial} ".repeat(500))));
        cases.add(bad("a final upload with a body", 403, concat("final;/files/{partial}").header("Content-Type", OCTETS)
                .body("x")));
        cases.add(bad("PATCH to a final upload", 403, Request.of("PATCH", "/files/{final}").tus()
                .header("Content-Type", OCTETS).header("Upload-Offset", "2").body("x")));
        return cases;
    }

    static List<Bad> ids() {
        List<Bad> cases = new ArrayList<>();
        List<String> targets = List.of("/files/" + UNKNOWN, "/files/{ID}", "/files/{id}.info", "/files/{id}.bin",
                "/files/{id}/", "/files//{id}", "/files/{id}x", "/files/{id}%00", "/files/{id}%0d%0aX:%20y",
                "/files/..%2F..%2F" + ESCAPE, "/files/%2e%2e/%2e%2e/" + ESCAPE, "/files/..%5c..%5c" + ESCAPE,
                "/files/..\\..\\" + ESCAPE, "/files/%2E%2E%2Fdata%2F{id}", "/files/a%2Fb", "/files/" + "a".repeat(5000),
                "/files/" + "0".repeat(32) + "%20", "/files/%u002e%u002e", "/files/\u0001");
        for (String target : targets) {
            cases.add(bad("PATCH " + target, 0, patch("0").withTarget(target).body("efg")));
            cases.add(bad("DELETE " + target, 0, Request.of("DELETE", target).tus()));
            cases.add(bad("HEAD " + target, 0, Request.of("HEAD", target).tus()));
            cases.add(bad("GET " + target, 0, Request.of("GET", target)));
        }
        cases.add(bad("POST creating under a chosen name", 0, creation().withTarget("/files/" + ESCAPE)
                .header("Upload-Length", "3")));
        cases.add(bad("POST to a traversing path", 0, creation().withTarget("/files/..%2F" + ESCAPE)
                .header("Upload-Length", "3")));
        return cases;
    }

    static List<Bad> bodies() {
        List<Bad> cases = new ArrayList<>();
        cases.add(bad("a body longer than the upload", 413, patch("4").body("efghijk")));
        cases.add(bad("a chunked body longer than the upload", 413, patch("4")
                .chunked(List.of("efg".getBytes(), "hijk".getBytes()))));
        cases.add(bad("Content-Length and Transfer-Encoding together", 400, patch("4").header("Content-Length", "3")
                .chunked(List.of("efg".getBytes()))));
        cases.add(bad("Transfer-Encoding and Content-Length together, smuggling a DELETE", 400, patch("4")
                .header("Transfer-Encoding", "chunked").header("Content-Length", "5")
                .body(("0\r\n\r\nDELETE /files/{id} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n\r\n").getBytes())));
        cases.add(bad("Content-Length twice, with different values", 400, patch("4").header("Content-Length", "3")
                .header("Content-Length", "2").body("efg")));
        cases.add(bad("a negative Content-Length", 400, patch("4").header("Content-Length", "-3").body("efg")));
        cases.add(bad("a Content-Length that is not a number", 400, patch("4").header("Content-Length", "3x").body("efg")));
        cases.add(bad("a malformed chunk size", 400, patch("4").header("Transfer-Encoding", "chunked")
                .body("zz\r\nefg\r\n0\r\n\r\n".getBytes())));
        cases.add(bad("a body on an upload that is finished", 413, Request.of("PATCH", "/files/{partial}").tus()
                .header("Content-Type", OCTETS).header("Upload-Offset", "2").body("x")));
        cases.add(bad("creation-with-upload with a body longer than Upload-Length", 413, creation()
                .header("Upload-Length", "2").header("Content-Type", OCTETS).body("abc")));
        cases.add(bad("a header line folded over two lines", 400, patch("4").header("Upload-Offset", "4\r\n 4")
                .body("efg")));
        cases.add(bad("a header without a colon", 400, patch("4").header("Upload-Offset", "4\r\nnot a header").body("efg")));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> badInput() {
        return Stream.of(offsets(), lengths(), metadata(), checksums(), concatenation(), ids(), bodies(),
                        DraftBadInput.cases())
                .flatMap(List::stream)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private void run(Bad c) throws Exception {
        if (runner == null) {
            runner = new BadInputRunner(server, sandbox);
        }
        runner.run(c);
    }
}
