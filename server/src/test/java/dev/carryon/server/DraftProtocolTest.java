package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.DraftVersion.PROBLEM;
import static dev.carryon.server.DraftVersion.PROBLEM_TYPES;

/**
 * The IETF resumable upload draft, interop versions 3 to 8, case by case: creation, offset retrieval,
 * append, discovery and refusals, each version by its own rules. The uploads the cases work on are made
 * with tus, which also shows that both protocols share them.
 */
class DraftProtocolTest extends ServerTest {
    private static final String LOCATION = "http://127\\.0\\.0\\.1:\\d+/files/[0-9a-f]{32}";
    private static final String FILE_JSON = "\\{\"id\":\"[0-9a-f]{32}\",\"size\":%d,\"url\":\"" + LOCATION + "\"}";

    /** An upload of 10 bytes holding "abcd". */
    private static Map<String, String> sized(Uploads uploads) throws Exception {
        String id = uploads.create(10);
        uploads.append(id, 0, "abcd");
        return Map.of("id", id);
    }

    /** An upload of unknown length holding "abcd", as a draft upload is until it completes. */
    private static Map<String, String> open(Uploads uploads) throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        uploads.append(id, 0, "abcd");
        return Map.of("id", id);
    }

    /** A complete upload of "abcd". */
    private static Map<String, String> complete(Uploads uploads) throws Exception {
        String id = uploads.create(4);
        uploads.append(id, 0, "abcd");
        return Map.of("id", id);
    }

    private Stream<DynamicNode> perVersion(java.util.function.Function<DraftVersion, Stream<? extends DynamicNode>> cases) {
        return DraftVersion.all().map(v -> DynamicContainer.dynamicContainer(v.toString(), cases.apply(v)));
    }

    /** The Upload-Limit of an unfinished upload: its lifetime, under the version's name for it. */
    private static String lifetime(DraftVersion v) {
        return (v.number() == 6 ? "expires" : "max-age") + "=\\d+";
    }

    /** {@code Upload-Limit} must match from version 6 on, and be absent before. */
    private static TusCase limits(TusCase c, DraftVersion v, String regex) {
        return v.hasLimits() ? c.headerMatching("Upload-Limit", regex) : c.noHeader("Upload-Limit");
    }

    @TestFactory
    Stream<DynamicNode> creation() {
        return perVersion(v -> TusCase.table(server, uploads -> Map.of(),
                limits(TusCase.of("without content and incomplete: the upload exists, empty", v.creation(false))
                        .status(201).headerMatching("Location", LOCATION).header("Upload-Offset", "0")
                        .header(v.completenessField(), v.incomplete()).noHeader("Upload-Length", "Tus-Resumable"),
                        v, lifetime(v)),
                TusCase.of("with the whole content: complete, and the file is described", v.creation(true).body("hello"))
                        .status(201).headerMatching("Location", LOCATION).header("Upload-Offset", "5")
                        .header("Upload-Length", "5").header(v.completenessField(), v.complete())
                        .header("Content-Type", "application/json").bodyMatching(FILE_JSON.formatted(5)),
                TusCase.of("with a first part and the length", v.creation(false).header("Upload-Length", "10").body("hello"))
                        .status(201).headerMatching("Location", LOCATION).header("Upload-Offset", "5")
                        .header("Upload-Length", "10").header(v.completenessField(), v.incomplete()),
                TusCase.of("complete without content: an empty file", v.creation(true))
                        .status(201).header("Upload-Offset", "0").header("Upload-Length", "0")
                        .header(v.completenessField(), v.complete()).bodyMatching(FILE_JSON.formatted(0)),
                TusCase.of("chunked and complete: the length is where the content ended",
                                v.creation(true).chunked(java.util.List.of("hel".getBytes(), "lo!".getBytes())))
                        .status(201).header("Upload-Offset", "6").header("Upload-Length", "6")
                        .header(v.completenessField(), v.complete()),
                TusCase.of("without saying whether it completes: 400", v.request("POST", "/files/").body("hello"))
                        .status(400).header("Content-Type", PROBLEM).noHeader("Location")
                        .bodyMatching(".*\"detail\":\"" + v.completenessField() + " is required\".*"),
                TusCase.of("with a completeness that is no boolean: 400",
                                v.request("POST", "/files/").header(v.completenessField(), "true"))
                        .status(400).header("Content-Type", PROBLEM).noHeader("Location"),
                TusCase.of("with lengths that disagree: 400 inconsistent length",
                                v.creation(true).header("Upload-Length", "9").body("hello"))
                        .status(400).header("Content-Type", PROBLEM).noHeader("Location")
                        .bodyMatching(".*\"type\":\"" + PROBLEM_TYPES + "inconsistent-upload-length\".*"),
                TusCase.of("with a malformed Upload-Length: 400", v.creation(false).header("Upload-Length", "1e6"))
                        .status(400).header("Content-Type", PROBLEM).noHeader("Location"),
                TusCase.of("with the other versions' completeness field only: 400",
                                v.request("POST", "/files/").header(v.number() == 3 ? "Upload-Complete" : "Upload-Incomplete", "?0"))
                        .status(400).noHeader("Location")));
    }

    @TestFactory
    Stream<DynamicNode> offsetRetrieval() {
        return perVersion(v -> Stream.concat(
                TusCase.table(server, DraftProtocolTest::sized,
                        limits(TusCase.of("reports offset, incompleteness, length and limits; no caching", v.offsetRetrieval())
                                .status(204).header("Upload-Offset", "4").header(v.completenessField(), v.incomplete())
                                .header("Upload-Length", "10").header("Cache-Control", "no-store")
                                .noHeader("Tus-Resumable"), v, lifetime(v)),
                        TusCase.of("of an unknown upload: 404 problem",
                                        v.offsetRetrieval().withTarget("/files/0123456789abcdef0123456789abcdef"))
                                .status(404).noHeader("Upload-Offset")),
                TusCase.table(server, DraftProtocolTest::complete,
                        limits(TusCase.of("of a complete upload says it is complete", v.offsetRetrieval())
                                .status(204).header("Upload-Offset", "4").header("Upload-Length", "4")
                                .header(v.completenessField(), v.complete()), v, "min-size=0"))));
    }

    @TestFactory
    Stream<DynamicNode> append() {
        return perVersion(v -> Stream.concat(TusCase.table(server, DraftProtocolTest::sized,
                TusCase.of("at the offset: appended, still incomplete", v.append(4, false).body("efg"))
                        .status(204).header("Upload-Offset", "7").header(v.completenessField(), v.incomplete())
                        .offsetAfter(7),
                TusCase.of("the rest, completing: the file is described", v.append(4, true).body("efghij"))
                        .status(200).header("Upload-Offset", "10").header(v.completenessField(), v.complete())
                        .header("Content-Type", "application/json").bodyMatching(FILE_JSON.formatted(10))
                        .offsetAfter(10),
                TusCase.of("behind the offset: 409 with the right offset", v.append(3, false).body("xyz"))
                        .status(409).header("Upload-Offset", "4").header("Content-Type", PROBLEM)
                        .header(v.completenessField(), v.incomplete())
                        .bodyMatching("\\{\"type\":\"" + PROBLEM_TYPES + "mismatching-upload-offset\",\"title\":\"[^\"]+\","
                                + "\"status\":409,\"detail\":\"[^\"]+\",\"(expected-offset\":4,\"provided-offset\":3|"
                                + "provided-offset\":3,\"expected-offset\":4)}")
                        .offsetAfter(4),
                TusCase.of("ahead of the offset: 409", v.append(9, false).body("xyz"))
                        .status(409).header("Upload-Offset", "4").offsetAfter(4),
                TusCase.of("without Upload-Offset: 400", v.request("PATCH", "/files/{id}")
                                .header(v.completenessField(), v.incomplete()).header("Content-Type", DraftVersion.PARTIAL_UPLOAD)
                                .body("efg"))
                        .status(400).header("Content-Type", PROBLEM).offsetAfter(4),
                TusCase.of("without saying whether it completes: 400", v.request("PATCH", "/files/{id}")
                                .header("Upload-Offset", "4").header("Content-Type", DraftVersion.PARTIAL_UPLOAD).body("efg"))
                        .status(400).offsetAfter(4),
                TusCase.of("completing with too little: 400 inconsistent length", v.append(4, true).body("efg"))
                        .status(400).bodyMatching(".*" + PROBLEM_TYPES + "inconsistent-upload-length.*").offsetAfter(4),
                TusCase.of("past the length: 400 inconsistent length", v.append(4, false).body("efghijklmn"))
                        .status(400).bodyMatching(".*" + PROBLEM_TYPES + "inconsistent-upload-length.*").offsetAfter(4),
                TusCase.of("with another length: 400 inconsistent length",
                                v.append(4, false).header("Upload-Length", "11").body("efg"))
                        .status(400).bodyMatching(".*" + PROBLEM_TYPES + "inconsistent-upload-length.*").offsetAfter(4),
                v.number() >= 6
                        ? TusCase.of("of another media type: 415", v.request("PATCH", "/files/{id}")
                                        .header("Upload-Offset", "4").header(v.completenessField(), v.incomplete())
                                        .header("Content-Type", "application/offset+octet-stream").body("efg"))
                                .status(415).header("Content-Type", PROBLEM).offsetAfter(4)
                        : TusCase.of("of any media type, as the version allows", Request.of("PATCH", "/files/{id}")
                                        .header(DraftVersion.FIELD, Integer.toString(v.number())).header("Upload-Offset", "4")
                                        .header(v.completenessField(), v.incomplete()).body("efg"))
                                .status(204).header("Upload-Offset", "7").offsetAfter(7)),
                TusCase.table(server, DraftProtocolTest::open,
                        TusCase.of("completing an upload of unknown length sets its length",
                                        v.append(4, true).chunked(java.util.List.of("ef".getBytes(), "g".getBytes())))
                                .status(200).header("Upload-Offset", "7").header("Upload-Length", "7")
                                .header(v.completenessField(), v.complete()).offsetAfter(7),
                        TusCase.of("an empty append that completes sets the length to the offset",
                                        v.append(4, true).body(new byte[0]))
                                .status(200).header("Upload-Length", "4").header(v.completenessField(), v.complete()),
                        TusCase.of("with a length shorter than what is stored: 400",
                                        v.append(4, false).header("Upload-Length", "3").body("e"))
                                .status(400).offsetAfter(4))));
    }

    @TestFactory
    Stream<DynamicNode> appendToACompletedUpload() {
        String nonEmpty = "of content: refused, " + "nothing changes";
        return perVersion(v -> TusCase.table(server, DraftProtocolTest::complete,
                TusCase.of(nonEmpty, v.append(4, true).body("more"))
                        .status(400).header("Content-Type", PROBLEM)
                        .bodyMatching(".*" + PROBLEM_TYPES + (v.number() >= 8 ? "inconsistent-upload-length" : "completed-upload") + ".*")
                        .offsetAfter(4),
                TusCase.of("without content: " + (v.number() >= 8 ? "410 Gone" : "400"), v.append(4, true).body(new byte[0]))
                        .status(v.number() >= 8 ? 410 : 400).header("Content-Type", PROBLEM)
                        .bodyMatching(".*" + PROBLEM_TYPES + "completed-upload.*").offsetAfter(4)));
    }

    @TestFactory
    Stream<DynamicNode> discoveryAndRouting() {
        return perVersion(v -> TusCase.table(server, DraftProtocolTest::sized,
                limits(TusCase.of("OPTIONS names the media type of appends", v.request("OPTIONS", "/files/"))
                        .status(204).header("Accept-Patch", DraftVersion.PARTIAL_UPLOAD).noHeader("Tus-Version"),
                        v, "min-size=0"),
                TusCase.of("PUT on an upload is 405 with Allow", v.request("PUT", "/files/{id}").body("x"))
                        .status(405).header("Allow", "HEAD, PATCH, DELETE, GET, OPTIONS").header("Content-Type", PROBLEM)
                        .offsetAfter(4),
                TusCase.of("PATCH on the collection is 405 with Allow", v.append(0, false).withTarget("/files/").body("x"))
                        .status(405).header("Allow", "POST, OPTIONS"),
                TusCase.of("GET is a download", v.request("GET", "/files/{id}"))
                        .status(200).bodyMatching("abcd"),
                TusCase.of("a draft request that also carries Tus-Resumable is a draft request",
                                v.offsetRetrieval().header("Tus-Resumable", "1.0.0"))
                        .status(204).header(v.completenessField(), v.incomplete()).noHeader("Tus-Resumable")));
    }

    @TestFactory
    Stream<DynamicNode> unknownVersions() {
        return Stream.of("2", "9", "10", "abc", "6.0", "").map(version -> TusCase.of(
                        "interop version '" + version + "' is refused with 400",
                        Request.of("POST", "/files/").header(DraftVersion.FIELD, version).header("Upload-Complete", "?1")
                                .body("hello"))
                .status(400).header("Content-Type", PROBLEM).noHeader("Location")
                .bodyMatching(".*interop versions 3, 4, 5, 6, 7 and 8.*"))
                .map(c -> org.junit.jupiter.api.DynamicTest.dynamicTest(c.toString(), () -> c.run(server, u -> Map.of())));
    }
}
