package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.OCTETS;
import static dev.carryon.server.Uploads.creation;

/** {@code Tus-Max-Size}: uploads larger than the server accepts are refused with 413, however they grow. */
class MaxSizeTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withMaxSize(100));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A deferred-length upload holding 90 bytes. */
    private static Map<String, String> ninetyDeferred(Uploads uploads) throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        uploads.append(id, 0, new byte[90]);
        return Map.of("id", id);
    }

    private static Request patchAt90() {
        return Request.of("PATCH", "/files/{id}").tus().header("Upload-Offset", "90").header("Content-Type", OCTETS);
    }

    @TestFactory
    Stream<DynamicTest> maxSize() {
        return TusCase.table(server, MaxSizeTest::ninetyDeferred,
                TusCase.of("OPTIONS announces the limit", Request.of("OPTIONS", "/files/"))
                        .status(204).header("Tus-Max-Size", "100"),
                TusCase.of("an upload of the maximum size is created", creation().header("Upload-Length", "100"))
                        .status(201),
                TusCase.of("a larger Upload-Length is 413", creation().header("Upload-Length", "101"))
                        .status(413).noHeader("Location"),
                TusCase.of("creation-with-upload of a deferred upload that is too large is 413",
                                creation().header("Upload-Defer-Length", "1").header("Content-Type", OCTETS).body(new byte[101]))
                        .status(413).noHeader("Location"),
                TusCase.of("a deferred upload may grow to the limit", patchAt90().body(new byte[10]))
                        .status(204).header("Upload-Offset", "100").offsetAfter(100),
                TusCase.of("a deferred upload growing past the limit is 413", patchAt90().body(new byte[11]))
                        .status(413).offsetAfter(90),
                TusCase.of("a chunked body growing past the limit is 413 and is discarded",
                                patchAt90().chunked(List.of(new byte[6], new byte[6])))
                        .status(413).offsetAfter(90),
                TusCase.of("declaring a length above the limit is 413", patchAt90().header("Upload-Length", "101")
                                .body(new byte[1]))
                        .status(413).offsetAfter(90));
    }
}
