package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.creation;

/** Cross-origin use from a browser app: preflights, and the headers a script may read afterwards. */
class CorsTest extends ServerTest {
    private static final String ORIGIN = "https://app.example";
    /** A comma-separated list containing every one of the given names. */
    private static String listWith(String... names) {
        StringBuilder regex = new StringBuilder();
        for (String name : names) {
            regex.append("(?=.*(^|, ?)").append(name).append("(,|$))");
        }
        return "(?i)" + regex + ".*";
    }

    private static Map<String, String> anUpload(Uploads uploads) throws Exception {
        return Map.of("id", uploads.create(10));
    }

    @TestFactory
    Stream<DynamicTest> cors() {
        return TusCase.table(server, CorsTest::anUpload,
                TusCase.of("a preflight for creation is answered", Request.of("OPTIONS", "/files/")
                                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "tus-resumable, upload-length, upload-metadata"))
                        .status(204)
                        .header("Access-Control-Allow-Origin", ORIGIN)
                        .headerMatching("Access-Control-Allow-Methods", listWith("POST", "HEAD", "PATCH", "DELETE", "OPTIONS"))
                        .headerMatching("Access-Control-Allow-Headers", listWith("Tus-Resumable", "Upload-Length",
                                "Upload-Metadata", "Upload-Offset", "Upload-Checksum", "Upload-Concat",
                                "Upload-Defer-Length", "Content-Type", "X-HTTP-Method-Override"))
                        .headerMatching("Access-Control-Max-Age", "\\d+")
                        .header("Vary", "Origin"),
                TusCase.of("a preflight for PATCH of an upload is answered", Request.of("OPTIONS", "/files/{id}")
                                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "PATCH"))
                        .status(204)
                        .header("Access-Control-Allow-Origin", ORIGIN)
                        .headerMatching("Access-Control-Allow-Methods", listWith("PATCH")),
                TusCase.of("creation from another origin exposes Location and the tus headers",
                                creation().header("Origin", ORIGIN).header("Upload-Length", "3"))
                        .status(201)
                        .header("Access-Control-Allow-Origin", ORIGIN)
                        .headerMatching("Access-Control-Expose-Headers", listWith("Location", "Upload-Offset",
                                "Upload-Length", "Tus-Resumable", "Upload-Expires"))
                        .noHeader("Access-Control-Allow-Methods"),
                TusCase.of("HEAD from another origin exposes the offset", Request.of("HEAD", "/files/{id}").tus()
                                .header("Origin", ORIGIN))
                        .status(200)
                        .header("Access-Control-Allow-Origin", ORIGIN)
                        .headerMatching("Access-Control-Expose-Headers", listWith("Upload-Offset", "Upload-Length",
                                "Upload-Metadata", "Upload-Defer-Length", "Upload-Concat")),
                TusCase.of("a refusal is readable from another origin too", Request.of("HEAD", "/files/{id}")
                                .header("Tus-Resumable", "0.9").header("Origin", ORIGIN))
                        .status(412)
                        .header("Access-Control-Allow-Origin", ORIGIN)
                        .headerMatching("Access-Control-Expose-Headers", listWith("Tus-Version")),
                TusCase.of("a preflight for a draft append is answered", Request.of("OPTIONS", "/files/{id}")
                                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "PATCH"))
                        .status(204)
                        .headerMatching("Access-Control-Allow-Headers", listWith("Upload-Draft-Interop-Version",
                                "Upload-Complete", "Upload-Incomplete", "Upload-Offset", "Upload-Length",
                                "Content-Digest", "Want-Repr-Digest")),
                TusCase.of("a draft offset retrieval from another origin exposes the draft's fields",
                                DraftVersion.latest().offsetRetrieval().header("Origin", ORIGIN))
                        .status(204)
                        .header("Access-Control-Allow-Origin", ORIGIN)
                        .headerMatching("Access-Control-Expose-Headers", listWith("Upload-Offset", "Upload-Complete",
                                "Upload-Incomplete", "Upload-Length", "Upload-Limit", "Repr-Digest", "Accept-Patch",
                                "Location")),
                TusCase.of("a request without Origin gets no CORS headers", Request.of("HEAD", "/files/{id}").tus())
                        .status(200)
                        .noHeader("Access-Control-Allow-Origin", "Access-Control-Expose-Headers"));
    }
}
