package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.Uploads.OCTETS;
import static dev.carryon.server.Uploads.creation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** tus {@code concatenation} and {@code concatenation-unfinished}. */
class ConcatenationTest extends ServerTest {

    private String partial(String content) throws Exception {
        String id = uploads.create("Upload-Length", Integer.toString(content.length()), "Upload-Concat", "partial");
        if (!content.isEmpty()) {
            uploads.append(id, 0, content);
        }
        return id;
    }

    private Response createFinal(String urls) throws Exception {
        return uploads.send(creation().header("Upload-Concat", "final;" + urls));
    }

    @Test
    void partialUploadsSayWhatTheyAre() throws Exception {
        String id = partial("abc");
        Response head = uploads.head(id);
        assertEquals("partial", head.header("Upload-Concat"));
        assertEquals("3", head.header("Upload-Offset"));
    }

    @Test
    void finalOfFinishedPartsWithAbsoluteUrls() throws Exception {
        String a = partial("hello ");
        String b = partial("world");
        Response created = createFinal(server.uri("/files/" + a) + " " + server.uri("/files/" + b));
        assertEquals(201, created.status(), created::toString);
        String id = Uploads.idOf(created);

        Response head = uploads.head(id);
        assertEquals(200, head.status(), head::toString);
        assertEquals("11", head.header("Upload-Offset"));
        assertEquals("11", head.header("Upload-Length"));
        assertEquals("final;/files/" + a + " /files/" + b, head.header("Upload-Concat"));
        assertNull(head.header("Upload-Expires"), "a finished upload does not expire");
        assertArrayEquals("hello world".getBytes(), uploads.download(id));
    }

    @Test
    void finalOfFinishedPartsWithRelativeUrls() throws Exception {
        String a = partial("abc");
        String b = partial("");
        String c = partial("def");
        Response created = createFinal("/files/" + a + " /files/" + b + " /files/" + c);
        assertEquals(201, created.status(), created::toString);
        String id = Uploads.idOf(created);
        assertEquals(6, uploads.offset(id));
        assertArrayEquals("abcdef".getBytes(), uploads.download(id));
    }

    @Test
    void theSamePartMayAppearTwice() throws Exception {
        String a = partial("ab");
        String id = Uploads.idOf(createFinal("/files/" + a + " /files/" + a));
        assertArrayEquals("abab".getBytes(), uploads.download(id));
    }

    @Test
    void finalCreatedBeforeItsPartsFinish() throws Exception {
        String a = uploads.create("Upload-Length", "5", "Upload-Concat", "partial");
        String b = uploads.create("Upload-Defer-Length", "1", "Upload-Concat", "partial");
        uploads.append(a, 0, "he");
        Response created = createFinal("/files/" + a + " /files/" + b);
        assertEquals(201, created.status(), created::toString);
        String id = Uploads.idOf(created);

        Response unfinished = uploads.head(id);
        assertEquals(200, unfinished.status(), unfinished::toString);
        assertNull(unfinished.header("Upload-Offset"), "no offset until the concatenation is done");
        assertNull(unfinished.header("Upload-Length"), "a part's length is still unknown");
        assertEquals("final;/files/" + a + " /files/" + b, unfinished.header("Upload-Concat"));

        uploads.append(a, 2, "llo");
        uploads.append(b, 0, " world");
        Response declare = uploads.send(Uploads.patchAt(b, 6).header("Upload-Length", "6").body(new byte[0]));
        assertEquals(204, declare.status(), declare::toString);

        Response done = uploads.head(id);
        assertEquals("11", done.header("Upload-Offset"));
        assertEquals("11", done.header("Upload-Length"));
        assertArrayEquals("hello world".getBytes(), uploads.download(id));
    }

    @Test
    void finalOfKnownLengthsShowsItsLengthBeforeItIsDone() throws Exception {
        String a = uploads.create("Upload-Length", "3", "Upload-Concat", "partial");
        String b = partial("def");
        String id = Uploads.idOf(createFinal("/files/" + a + " /files/" + b));
        Response head = uploads.head(id);
        assertEquals("6", head.header("Upload-Length"));
        assertNull(head.header("Upload-Offset"));
        uploads.append(a, 0, "abc");
        assertEquals(6, uploads.offset(id));
        assertArrayEquals("abcdef".getBytes(), uploads.download(id));
    }

    @Test
    void aDownloadOfAFinalUploadWaitsForNoHead() throws Exception {
        String a = uploads.create("Upload-Length", "3", "Upload-Concat", "partial");
        String id = Uploads.idOf(createFinal("/files/" + a));
        uploads.append(a, 0, "abc");
        assertArrayEquals("abc".getBytes(), uploads.download(id));
    }

    private Map<String, String> finishedFinal(Uploads unused) throws Exception {
        String a = partial("abc");
        String other = uploads.create(3);
        String id = Uploads.idOf(createFinal("/files/" + a));
        return Map.of("id", id, "part", a, "plain", other);
    }

    @TestFactory
    Stream<DynamicTest> refusals() {
        return TusCase.table(server, this::finishedFinal,
                TusCase.of("PATCH to a final upload is 403", Request.of("PATCH", "/files/{id}").tus()
                                .header("Upload-Offset", "3").header("Content-Type", OCTETS).body(new byte[0]))
                        .status(403),
                TusCase.of("creation-with-upload of a final upload is 403", creation()
                                .header("Upload-Concat", "final;/files/{part}").header("Content-Type", OCTETS).body("x"))
                        .status(403).noHeader("Location"),
                TusCase.of("a final upload naming an upload that is not partial is 400",
                                creation().header("Upload-Concat", "final;/files/{part} /files/{plain}"))
                        .status(400).noHeader("Location"),
                TusCase.of("a final upload naming a final upload is 400",
                                creation().header("Upload-Concat", "final;/files/{id}"))
                        .status(400).noHeader("Location"),
                TusCase.of("a final upload naming an unknown upload is 400",
                                creation().header("Upload-Concat", "final;/files/{part} /files/0123456789abcdef0123456789abcdef"))
                        .status(400).noHeader("Location"),
                TusCase.of("a final upload naming another server's path is 400",
                                creation().header("Upload-Concat", "final;/elsewhere/{part}"))
                        .status(400).noHeader("Location"),
                TusCase.of("a final upload takes no Upload-Length", creation()
                                .header("Upload-Concat", "final;/files/{part}").header("Upload-Length", "3"))
                        .status(400).noHeader("Location"),
                TusCase.of("a final upload with no parts is 400", creation().header("Upload-Concat", "final;"))
                        .status(400).noHeader("Location"),
                TusCase.of("Upload-Concat must be partial or final", creation().header("Upload-Length", "3")
                                .header("Upload-Concat", "partial;final"))
                        .status(400).noHeader("Location"));
    }
}
