package dev.carryon.server;

import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.OCTETS;
import static dev.carryon.server.Uploads.b64;
import static dev.carryon.server.Uploads.creation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tus {@code creation}, {@code creation-with-upload} and {@code creation-defer-length}. */
class CreationTest extends ServerTest {
    private static final String LOCATION = "http://127\\.0\\.0\\.1:\\d+/files/[0-9a-f]{32}";


    private static Map<String, String> nothing(Uploads uploads) {
        return Map.of();
    }

    @TestFactory
    Stream<DynamicTest> creationRules() {
        return TusCase.table(server, CreationTest::nothing,
                TusCase.of("Upload-Length creates an upload", creation().header("Upload-Length", "10"))
                        .status(201).headerMatching("Location", LOCATION).header("Tus-Resumable", "1.0.0")
                        .headerMatching("Upload-Expires", ".+ GMT"),
                TusCase.of("Upload-Defer-Length: 1 creates an upload of unknown length",
                                creation().header("Upload-Defer-Length", "1"))
                        .status(201).headerMatching("Location", LOCATION),
                TusCase.of("an empty upload is complete at once and does not expire",
                                creation().header("Upload-Length", "0"))
                        .status(201).headerMatching("Location", LOCATION).noHeader("Upload-Expires"),
                TusCase.of("a length is required", creation())
                        .status(400).noHeader("Location"),
                TusCase.of("Upload-Length and Upload-Defer-Length together are refused",
                                creation().header("Upload-Length", "10").header("Upload-Defer-Length", "1"))
                        .status(400).noHeader("Location"),
                TusCase.of("the Location follows the Host the client used",
                                creation().header("Host", "uploads.example:8443").header("Upload-Length", "1"))
                        .status(201).headerMatching("Location", "http://uploads\\.example:8443/files/[0-9a-f]{32}"),
                TusCase.of("creation-with-upload stores the first chunk",
                                creation().header("Upload-Length", "10").header("Content-Type", OCTETS).body("hello"))
                        .status(201).headerMatching("Location", LOCATION).header("Upload-Offset", "5"),
                TusCase.of("creation-with-upload may deliver the whole upload",
                                creation().header("Upload-Length", "5").header("Content-Type", OCTETS).body("hello"))
                        .status(201).header("Upload-Offset", "5").noHeader("Upload-Expires"),
                TusCase.of("creation-with-upload works with a chunked body",
                                creation().header("Upload-Length", "10").header("Content-Type", OCTETS)
                                        .chunked(List.of("hel".getBytes(), "lo".getBytes())))
                        .status(201).header("Upload-Offset", "5"),
                TusCase.of("creation-with-upload works with a deferred length",
                                creation().header("Upload-Defer-Length", "1").header("Content-Type", OCTETS).body("hello"))
                        .status(201).header("Upload-Offset", "5"));
    }

    @Test
    void headShowsWhatCreationDeclared() throws Exception {
        String metadata = "filename " + b64("测试 视频.mp4") + ",filetype " + b64("video/mp4") + ",is_confidential";
        String id = uploads.create("Upload-Length", "10", "Upload-Metadata", metadata);
        Response head = uploads.head(id);
        assertEquals(200, head.status());
        assertEquals("0", head.header("Upload-Offset"));
        assertEquals("10", head.header("Upload-Length"));
        assertEquals(metadata, head.header("Upload-Metadata"));
    }

    @Test
    void emptyMetadataIsNoMetadata() throws Exception {
        String id = uploads.create("Upload-Length", "10", "Upload-Metadata", "");
        assertFalse(uploads.head(id).has("Upload-Metadata"));
    }

    @Test
    void bodyWithoutTheTusContentTypeIsNotStored() throws Exception {
        Response r = uploads.send(creation().header("Upload-Length", "10").header("Content-Type", "text/plain")
                .body("hello"));
        assertEquals(201, r.status(), r::toString);
        assertNull(r.header("Upload-Offset"));
        assertEquals(0, uploads.offset(Uploads.idOf(r)));
    }

    @Test
    void creationWithUploadKeepsTheBytes() throws Exception {
        Response r = uploads.send(creation().header("Upload-Length", "11").header("Content-Type", OCTETS)
                .body("hello"));
        String id = Uploads.idOf(r);
        assertEquals(11, uploads.append(id, 5, " world"));
        assertArrayEquals("hello world".getBytes(), uploads.download(id));
    }

    @Test
    void metadataSentOnSeveralLinesIsOneList() throws Exception {
        Response r = uploads.send(creation().header("Upload-Length", "1")
                .header("Upload-Metadata", "filename " + b64("a.txt"))
                .header("Upload-Metadata", "filetype " + b64("text/plain")));
        assertEquals(201, r.status(), r::toString);
        Response head = uploads.head(Uploads.idOf(r));
        assertEquals("filename " + b64("a.txt") + ",filetype " + b64("text/plain"), head.header("Upload-Metadata"));
    }

    @Test
    void aRefusedFirstChunkCreatesNothing() throws Exception {
        Response r = uploads.send(creation().header("Upload-Length", "11").header("Content-Type", OCTETS)
                .header("Upload-Checksum", "sha1 " + b64("not the sha1 of hello")).body("hello"));
        assertEquals(460, r.status(), r::toString);
        assertNull(r.header("Location"));
        assertEquals(List.of(), server.storedNames().stream().filter(name -> !name.startsWith(".")).toList());
    }

    @Test
    void deferredLengthIsDeclaredByALaterPatch() throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        Response head = uploads.head(id);
        assertEquals("1", head.header("Upload-Defer-Length"));
        assertNull(head.header("Upload-Length"));
        assertTrue(head.has("Upload-Expires"));

        assertEquals(3, uploads.append(id, 0, "abc"));
        Response declare = uploads.send(Uploads.patchAt(id, 3).header("Upload-Length", "6").body("def"));
        assertEquals(204, declare.status(), declare::toString);
        assertEquals("6", declare.header("Upload-Offset"));

        head = uploads.head(id);
        assertEquals("6", head.header("Upload-Length"));
        assertEquals("6", head.header("Upload-Offset"));
        assertNull(head.header("Upload-Defer-Length"));
        assertNull(head.header("Upload-Expires"), "a finished upload does not expire");
        assertArrayEquals("abcdef".getBytes(), uploads.download(id));
    }

    @Test
    void deferredLengthMayBeDeclaredWithAnEmptyPatch() throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        assertEquals(4, uploads.append(id, 0, "abcd"));
        Response r = uploads.send(Uploads.patchAt(id, 4).header("Upload-Length", "4").body(new byte[0]));
        assertEquals(204, r.status(), r::toString);
        assertEquals("4", uploads.head(id).header("Upload-Length"));
    }

    @Test
    void deferredLengthCannotBeLessThanWhatIsStored() throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        uploads.append(id, 0, "abcd");
        Response r = uploads.send(Uploads.patchAt(id, 4).header("Upload-Length", "3").body(new byte[0]));
        assertEquals(400, r.status(), r::toString);
        Response head = uploads.head(id);
        assertEquals("1", head.header("Upload-Defer-Length"));
        assertEquals("4", head.header("Upload-Offset"));
    }

    @Test
    void aDeclaredLengthCannotChange() throws Exception {
        String id = uploads.create(10);
        Response r = uploads.send(Uploads.patchAt(id, 0).header("Upload-Length", "11").body("abc"));
        assertEquals(400, r.status(), r::toString);
        assertEquals("10", uploads.head(id).header("Upload-Length"));
        assertEquals(0, uploads.offset(id));
        Response same = uploads.send(Uploads.patchAt(id, 0).header("Upload-Length", "10").body("abc"));
        assertEquals(204, same.status(), "repeating the known length is harmless");
    }
}
