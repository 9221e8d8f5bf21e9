package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.OCTETS;
import static dev.carryon.server.Uploads.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * tus 1.0 core: discovery with OPTIONS, HEAD, version negotiation, the method/path matrix, offsets, and
 * X-HTTP-Method-Override. Each case runs on a fresh upload of 10 bytes holding "abcd" so far.
 */
class CoreProtocolTest extends ServerTest {
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";
    private static final String METADATA = "filename " + b64("movie.mp4") + ",private";

    private static Map<String, String> halfWritten(Uploads uploads) throws Exception {
        String id = uploads.create("Upload-Length", "10", "Upload-Metadata", METADATA);
        uploads.append(id, 0, "abcd");
        return Map.of("id", id);
    }

    private static Request patchAt(long offset) {
        return Request.of("PATCH", "/files/{id}").tus().header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", OCTETS);
    }

    @TestFactory
    Stream<DynamicTest> discovery() {
        return TusCase.table(server, CoreProtocolTest::halfWritten,
                TusCase.of("OPTIONS on the collection lists version, extensions and algorithms",
                                Request.of("OPTIONS", "/files/"))
                        .status(204)
                        .header("Tus-Version", "1.0.0")
                        .header("Tus-Extension", "creation,creation-with-upload,creation-defer-length,expiration,"
                                + "checksum,checksum-trailer,termination,concatenation,concatenation-unfinished")
                        .header("Tus-Checksum-Algorithm", "sha1,md5,sha256,sha512,crc32")
                        .noHeader("Tus-Max-Size"),
                TusCase.of("OPTIONS on an upload is answered too, whatever its Tus-Resumable",
                                Request.of("OPTIONS", "/files/{id}").header("Tus-Resumable", "0.1.0"))
                        .status(204)
                        .header("Tus-Version", "1.0.0"));
    }

    @TestFactory
    Stream<DynamicTest> head() {
        return TusCase.table(server, CoreProtocolTest::halfWritten,
                TusCase.of("HEAD reports offset, length and metadata, and forbids caching", Request.of("HEAD", "/files/{id}").tus())
                        .status(200)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "4")
                        .header("Upload-Length", "10")
                        .header("Upload-Metadata", METADATA)
                        .header("Cache-Control", "no-store")
                        .headerMatching("Upload-Expires", "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")
                        .noHeader("Upload-Defer-Length", "Upload-Concat"),
                TusCase.of("HEAD of an unknown upload is 404", Request.of("HEAD", "/files/" + UNKNOWN).tus())
                        .status(404)
                        .noHeader("Upload-Offset"),
                TusCase.of("HEAD of something that is not an id is 404", Request.of("HEAD", "/files/nope").tus())
                        .status(404));
    }

    @TestFactory
    Stream<DynamicTest> versionNegotiation() {
        return TusCase.table(server, CoreProtocolTest::halfWritten,
                TusCase.of("POST without Tus-Resumable is 412 with Tus-Version",
                                Request.of("POST", "/files/").header("Upload-Length", "5"))
                        .status(412).header("Tus-Version", "1.0.0").noHeader("Location"),
                TusCase.of("POST with an unsupported Tus-Resumable is 412",
                                Request.of("POST", "/files/").header("Tus-Resumable", "0.2.2").header("Upload-Length", "5"))
                        .status(412).header("Tus-Version", "1.0.0").noHeader("Location"),
                TusCase.of("HEAD with an unsupported Tus-Resumable is 412",
                                Request.of("HEAD", "/files/{id}").header("Tus-Resumable", "2.0.0"))
                        .status(412).header("Tus-Version", "1.0.0").noHeader("Upload-Offset"),
                TusCase.of("PATCH without Tus-Resumable is 412 and appends nothing",
                                Request.of("PATCH", "/files/{id}").header("Upload-Offset", "4")
                                        .header("Content-Type", OCTETS).body("efg"))
                        .status(412).header("Tus-Version", "1.0.0").offsetAfter(4),
                TusCase.of("DELETE with an unsupported Tus-Resumable is 412 and deletes nothing",
                                Request.of("DELETE", "/files/{id}").header("Tus-Resumable", "1.0.1"))
                        .status(412).header("Tus-Version", "1.0.0").offsetAfter(4));
    }

    @TestFactory
    Stream<DynamicTest> methodsAndPaths() {
        return TusCase.table(server, CoreProtocolTest::halfWritten,
                TusCase.of("PUT on an upload is 405 with Allow", Request.of("PUT", "/files/{id}").tus().body("x"))
                        .status(405).header("Allow", "HEAD, PATCH, DELETE, GET, OPTIONS").offsetAfter(4),
                TusCase.of("POST on an upload is 405 with Allow", Request.of("POST", "/files/{id}").tus()
                                .header("Upload-Length", "3"))
                        .status(405).header("Allow", "HEAD, PATCH, DELETE, GET, OPTIONS").noHeader("Location"),
                TusCase.of("GET on the collection is 405 with Allow", Request.of("GET", "/files/"))
                        .status(405).header("Allow", "POST, OPTIONS"),
                TusCase.of("PATCH on the collection is 405 with Allow", Request.of("PATCH", "/files/").tus()
                                .header("Upload-Offset", "0").header("Content-Type", OCTETS).body("x"))
                        .status(405).header("Allow", "POST, OPTIONS"),
                TusCase.of("PATCH of an unknown upload is 404", patchAt(0).withTarget("/files/" + UNKNOWN).body("x"))
                        .status(404),
                TusCase.of("DELETE of an unknown upload is 404", Request.of("DELETE", "/files/" + UNKNOWN).tus())
                        .status(404),
                TusCase.of("a path outside the endpoint is 404", Request.of("GET", "/elsewhere"))
                        .status(404));
    }

    @TestFactory
    Stream<DynamicTest> offsets() {
        return TusCase.table(server, CoreProtocolTest::halfWritten,
                TusCase.of("PATCH at the current offset appends", patchAt(4).body("efg"))
                        .status(204).header("Upload-Offset", "7").header("Tus-Resumable", "1.0.0")
                        .headerMatching("Upload-Expires", ".+ GMT").offsetAfter(7),
                TusCase.of("PATCH behind the offset is 409 with the current offset", patchAt(3).body("xyz"))
                        .status(409).header("Upload-Offset", "4").offsetAfter(4),
                TusCase.of("PATCH ahead of the offset is 409 with the current offset", patchAt(5).body("xyz"))
                        .status(409).header("Upload-Offset", "4").offsetAfter(4),
                TusCase.of("PATCH without Upload-Offset is 400", Request.of("PATCH", "/files/{id}").tus()
                                .header("Content-Type", OCTETS).body("efg"))
                        .status(400).offsetAfter(4),
                TusCase.of("PATCH with another Content-Type is 415", Request.of("PATCH", "/files/{id}").tus()
                                .header("Upload-Offset", "4").header("Content-Type", "application/octet-stream").body("efg"))
                        .status(415).offsetAfter(4),
                TusCase.of("PATCH without Content-Type is 415", Request.of("PATCH", "/files/{id}").tus()
                                .header("Upload-Offset", "4").body("efg"))
                        .status(415).offsetAfter(4),
                TusCase.of("Content-Type parameters and case do not matter", Request.of("PATCH", "/files/{id}").tus()
                                .header("Upload-Offset", "4").header("Content-Type", "Application/Offset+Octet-Stream; x=1")
                                .body("efg"))
                        .status(204).offsetAfter(7),
                TusCase.of("PATCH past the upload's length is 413 and appends nothing", patchAt(4).body("efghijk"))
                        .status(413).offsetAfter(4));
    }

    @TestFactory
    Stream<DynamicTest> methodOverride() {
        return TusCase.table(server, CoreProtocolTest::halfWritten,
                TusCase.of("POST overridden to PATCH appends", Request.of("POST", "/files/{id}").tus()
                                .header("X-HTTP-Method-Override", "PATCH").header("Upload-Offset", "4")
                                .header("Content-Type", OCTETS).body("efg"))
                        .status(204).header("Upload-Offset", "7").offsetAfter(7),
                TusCase.of("POST overridden to HEAD describes the upload", Request.of("POST", "/files/{id}").tus()
                                .header("X-HTTP-Method-Override", "HEAD"))
                        .status(200).header("Upload-Offset", "4").header("Upload-Length", "10")
                        .header("Cache-Control", "no-store"),
                TusCase.of("POST overridden to an unknown method is 405", Request.of("POST", "/files/{id}").tus()
                                .header("X-HTTP-Method-Override", "BREW"))
                        .status(405).header("Allow", "HEAD, PATCH, DELETE, GET, OPTIONS").offsetAfter(4),
                TusCase.of("the override is ignored on methods other than POST", Request.of("HEAD", "/files/{id}").tus()
                                .header("X-HTTP-Method-Override", "DELETE"))
                        .status(200).header("Upload-Offset", "4").offsetAfter(4));
    }

    @Test
    void postOverriddenToDeleteTerminates() throws Exception {
        Uploads uploads = new Uploads(server);
        String id = halfWritten(uploads).get("id");
        Response r = uploads.send(Request.of("POST", Uploads.path(id)).tus().header("X-HTTP-Method-Override", "DELETE"));
        assertEquals(204, r.status(), r::toString);
        assertEquals(404, uploads.head(id).status());
    }
}
