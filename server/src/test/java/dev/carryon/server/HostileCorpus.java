package dev.carryon.server;

import dev.carryon.server.BadInputTest.Bad;
import dev.carryon.server.RawHttp.Request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.carryon.server.Uploads.OCTETS;
import static dev.carryon.server.Uploads.b64;
import static dev.carryon.server.Uploads.creation;

/**
 * Hostile requests beyond {@link BadInputTest}'s, for the hostile-input suite: oversized and excessive header
 * fields, more ways to smuggle a request past the framing, method overrides, digests, protocol versions and
 * ids with control characters. Each must be refused with a 4xx and change nothing; they work on the same
 * fixture ({@code {id}} has "abcd" of 10 bytes stored).
 */
final class HostileCorpus {
    private static final DraftVersion V = DraftVersion.latest();

    private HostileCorpus() {
    }

    private static Bad bad(String name, int status, Request request) {
        return new Bad(name, request, status);
    }

    private static Request patch() {
        return Uploads.patchAt("{id}", 4);
    }

    static List<Bad> cases() {
        List<Bad> cases = new ArrayList<>();
        cases.addAll(headerSizes());
        cases.addAll(smuggling());
        cases.addAll(overrides());
        cases.addAll(digests());
        cases.addAll(versionsAndIds());
        return cases;
    }

    static List<Bad> headerSizes() {
        List<Bad> cases = new ArrayList<>();
        cases.add(bad("one header field of 20 KiB", 431, patch().header("X-Padding", "a".repeat(20 * 1024)).body("efg")));
        cases.add(bad("Upload-Metadata of 20 KiB", 431, creation().header("Upload-Length", "3")
                .header("Upload-Metadata", "filename " + b64("x".repeat(15 * 1024)))));
        Request many = patch();
        for (int i = 0; i < 2000; i++) {
            many = many.header("X-H" + i, "v");
        }
        cases.add(bad("2000 header fields", 431, many.body("efg")));
        cases.add(bad("a request target of 20 KiB", 0, Request.of("HEAD", "/files/" + "a".repeat(20 * 1024)).tus()));
        cases.add(bad("Upload-Metadata with 1000 keys", 400, creation().header("Upload-Length", "3")
                .header("Upload-Metadata", "k YQ==,".repeat(1000) + "k YQ==")));
        return cases;
    }

    static List<Bad> smuggling() {
        List<Bad> cases = new ArrayList<>();
        byte[] smuggled = ("0\r\n\r\nPATCH /files/{id} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 4\r\n"
                + "Content-Type: " + OCTETS + "\r\nContent-Length: 3\r\n\r\nxyz").getBytes(StandardCharsets.ISO_8859_1);
        for (String te : List.of("chunked, chunked", "gzip, chunked", "chunked, gzip", "xchunked", "chunked;x=1",
                "identity", "\tchunked", "chunked\u000b", "CHUNKED ")) {
            cases.add(bad("Transfer-Encoding '" + te + "' with Content-Length", 400, patch()
                    .header("Transfer-Encoding", te).header("Content-Length", Integer.toString(smuggled.length))
                    .body(smuggled)));
        }
        cases.add(bad("Transfer-Encoding twice, with Content-Length", 400, patch().header("Transfer-Encoding", "chunked")
                .header("Transfer-Encoding", "chunked").header("Content-Length", "5").body(smuggled)));
        cases.add(bad("a space before the colon of Transfer-Encoding", 400, patch()
                .header("Transfer-Encoding ", "chunked").body(smuggled)));
        cases.add(bad("a space before the colon of Content-Length", 400, patch().header("Content-Length ", "3")
                .body("efg")));
        for (String cl : List.of("+3", "3, 3", "3 3", "0x3", "3.0", " ", "99999999999999999999999")) {
            cases.add(bad("Content-Length '" + cl + "'", 400, patch().header("Content-Length", cl).body("efg")));
        }
        cases.add(bad("a chunk size with a huge extension", 400, patch().header("Transfer-Encoding", "chunked")
                .body(("3;" + "e".repeat(40 * 1024) + "\r\nefg\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1))));
        cases.add(bad("a chunk size beyond 64 bits", 400, patch().header("Transfer-Encoding", "chunked")
                .body("fffffffffffffffff\r\nefg\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))));
        cases.add(bad("a chunked body longer than the upload, in one chunk", 413, patch()
                .chunked(List.of("efghijklmnop".getBytes(StandardCharsets.ISO_8859_1)))));
        return cases;
    }

    static List<Bad> overrides() {
        List<Bad> cases = new ArrayList<>();
        for (String method : List.of("TRACE", "CONNECT", "PUT", "DELETE /files/x", "PATCH\r\nX: y", "")) {
            cases.add(bad("X-HTTP-Method-Override '" + method + "' on POST", 0, Request.of("POST", "/files/{id}").tus()
                    .header("X-HTTP-Method-Override", method)));
        }
        cases.add(bad("X-HTTP-Method-Override PATCH with a bad offset", 400, Request.of("POST", "/files/{id}").tus()
                .header("X-HTTP-Method-Override", "PATCH").header("Upload-Offset", "-1")
                .header("Content-Type", OCTETS).body("efg")));
        cases.add(bad("X-HTTP-Method-Override DELETE on a traversing path", 0, Request.of("POST", "/files/..%2F..%2Fx")
                .tus().header("X-HTTP-Method-Override", "DELETE")));
        cases.add(bad("a TRACE", 0, Request.of("TRACE", "/files/{id}").tus()));
        cases.add(bad("a PUT", 0, Request.of("PUT", "/files/{id}").tus().body("efg")));
        return cases;
    }

    static List<Bad> digests() {
        List<Bad> cases = new ArrayList<>();
        for (String digest : List.of("sha-256=:!!!:", "sha-256=:YQ==:", "sha-256=abc", "sha-256=:" + "A".repeat(5000) + ":",
                "md5=:YQ==:", "sha-256", "sha-256=:YWJj:, sha-256=:YWJk:", "=:YQ==:")) {
            cases.add(bad("draft: Content-Digest '" + digest.substring(0, Math.min(40, digest.length())) + "'", 400,
                    V.request("PATCH", "/files/{id}").header("Upload-Offset", "4").header("Upload-Complete", "?0")
                            .header("Content-Type", DraftVersion.PARTIAL_UPLOAD).header("Content-Digest", digest)
                            .body("efg")));
        }
        return cases;
    }

    static List<Bad> versionsAndIds() {
        List<Bad> cases = new ArrayList<>();
        for (String version : List.of("0.2.2", "1.0", "2.0.0", "1.0.0, 1.0.0", "1.0.0\u0001", "")) {
            cases.add(bad("Tus-Resumable '" + version + "'", 0, Request.of("PATCH", "/files/{id}")
                    .header("Tus-Resumable", version).header("Upload-Offset", "4").header("Content-Type", OCTETS)
                    .body("efg")));
        }
        for (String id : List.of("%0a", "%09", "%7f", "%00", "%c0%ae%c0%ae%2f", "%252e%252e%252f", "..;", "~root",
                "CON", "{id}%2f..%2f{id}")) {
            cases.add(bad("PATCH /files/" + id, 0, Uploads.patchAt("{id}", 4).withTarget("/files/" + id).body("efg")));
            cases.add(bad("DELETE /files/" + id, 0, Request.of("DELETE", "/files/" + id).tus()));
        }
        return cases;
    }
}
