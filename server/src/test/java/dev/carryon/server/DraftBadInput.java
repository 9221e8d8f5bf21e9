package dev.carryon.server;

import dev.carryon.server.BadInputTest.Bad;
import dev.carryon.server.RawHttp.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * Malformed and hostile requests in the IETF draft protocol, for {@link BadInputTest}: each must be refused
 * with a 4xx and change nothing. They work on the same fixture: {@code {id}} (10 bytes, "abcd" stored),
 * {@code {deferred}} (no length yet, "abc" stored), {@code {partial}} (complete) and {@code {final}}.
 */
final class DraftBadInput {
    private static final DraftVersion V = DraftVersion.latest();

    private DraftBadInput() {
    }

    private static Request append(String offset) {
        Request r = V.request("PATCH", "/files/{id}").header("Upload-Complete", "?0")
                .header("Content-Type", DraftVersion.PARTIAL_UPLOAD);
        return offset == null ? r : r.header("Upload-Offset", offset);
    }

    private static Bad bad(String name, int status, Request request) {
        return new Bad(name, request, status);
    }

    private static Request create() {
        return V.request("POST", "/files/");
    }

    static List<Bad> cases() {
        List<Bad> cases = new ArrayList<>();
        cases.add(bad("draft: append without Upload-Offset", 400, append(null).body("efg")));
        for (String offset : List.of("-4", "+4", "4.0", "0x4", "4e0", "", "?1", "\"4\"", "4,4", "1234567890123456",
                "99999999999999999999", "4;", "4;A=1")) {
            cases.add(bad("draft: Upload-Offset '" + offset + "'", 400, append(offset).body("efg")));
        }
        for (String complete : List.of("?2", "1", "true", "?1 ?0", "", "?", "?1,?1", "?1;")) {
            cases.add(bad("draft: creation with Upload-Complete '" + complete + "'", 400,
                    create().header("Upload-Complete", complete).body("abc")));
            cases.add(bad("draft: append with Upload-Complete '" + complete + "'", 400,
                    V.request("PATCH", "/files/{id}").header("Upload-Offset", "4").header("Upload-Complete", complete)
                            .header("Content-Type", DraftVersion.PARTIAL_UPLOAD).body("efg")));
        }
        for (String length : List.of("-1", "1.5", "1e6", "ten", "", "9999999999999999")) {
            cases.add(bad("draft: Upload-Length '" + length + "'", 400,
                    create().header("Upload-Complete", "?0").header("Upload-Length", length)));
        }
        cases.add(bad("draft: Upload-Length beyond the maximum size", 413,
                create().header("Upload-Complete", "?0").header("Upload-Length", "1000001")));
        cases.add(bad("draft: completing creation beyond the maximum size", 413,
                create().header("Upload-Complete", "?1").header("Content-Length", "1000001").body(new byte[0])));
        for (String version : List.of("7, 8", "8;x", "?1", "-8", "8.0", "3000000000000000")) {
            cases.add(bad("draft: interop version '" + version + "'", 400, append("4").withTarget("/files/{id}")
                    .header(DraftVersion.FIELD, version).body("efg")));
        }
        cases.add(bad("draft: interop version twice", 400, append("4").header(DraftVersion.FIELD, "6").body("efg")));
        cases.add(bad("draft: Upload-Offset twice", 400, append("4").header("Upload-Offset", "4").body("efg")));
        cases.add(bad("draft: append of another media type", 415, V.request("PATCH", "/files/{id}")
                .header("Upload-Offset", "4").header("Upload-Complete", "?0").header("Content-Type", "text/plain")
                .body("efg")));
        cases.add(bad("draft: append past the length", 400, append("4").body("efghijk")));
        cases.add(bad("draft: chunked append past the length", 400, append("4")
                .chunked(List.of("efg".getBytes(), "hijk".getBytes()))));
        cases.add(bad("draft: completing append that falls short", 400, append("4").withTarget("/files/{id}")
                .header("Upload-Complete", "?1").chunked(List.of("ef".getBytes()))));
        cases.add(bad("draft: completing append that changes the length", 400,
                V.request("PATCH", "/files/{deferred}").header("Upload-Offset", "3").header("Upload-Complete", "?1")
                        .header("Upload-Length", "5").header("Content-Type", DraftVersion.PARTIAL_UPLOAD).body("d")));
        cases.add(bad("draft: append to a complete upload", 400, append("2").withTarget("/files/{partial}")
                .body("z")));
        cases.add(bad("draft: empty append to a complete upload", 410, append("2").withTarget("/files/{partial}")
                .body(new byte[0])));
        cases.add(bad("draft: append to a final upload", 400, append("2").withTarget("/files/{final}").body("z")));
        for (String digest : List.of("sha-256=:!!!:", "sha-256", "sha-256=:YWJj:", "sha-256=\"abc\"", "sha-256=:"
                + "A".repeat(20_000) + ":", "SHA-256=:YWJj:", "md5=:YWJj:", "sha-256=:" + "A".repeat(43) + "=:;")) {
            cases.add(bad("draft: Content-Digest '" + digest.substring(0, Math.min(40, digest.length())) + "'", 0,
                    append("4").header("Content-Digest", digest).body("efg")));
        }
        for (String want : List.of("sha-256=:YWJj:", "sha-256=-1", "sha-256=11", "sha-256=1.5", "sha-256=1,")) {
            cases.add(bad("draft: Want-Repr-Digest '" + want + "'", 400, append("4").header("Want-Repr-Digest", want)
                    .body("efg")));
        }
        cases.add(bad("draft: creation with malformed Upload-Metadata", 400, create().header("Upload-Complete", "?1")
                .header("Upload-Metadata", "filename a b c").body("abc")));
        for (String target : List.of("/files/0123456789abcdef0123456789abcdef", "/files/{id}.info", "/files/..%2F{id}",
                "/files/{ID}")) {
            cases.add(bad("draft: HEAD " + target, 0, V.request("HEAD", target)));
            cases.add(bad("draft: DELETE " + target, 0, V.request("DELETE", target)));
            cases.add(bad("draft: PATCH " + target, 0, append("4").withTarget(target).body("efg")));
        }
        cases.add(bad("draft: POST to an upload", 405, create().withTarget("/files/{id}").header("Upload-Complete", "?1")
                .body("abc")));
        return cases;
    }
}
