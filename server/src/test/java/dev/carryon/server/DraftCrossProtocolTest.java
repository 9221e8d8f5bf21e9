package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.carryon.server.Uploads.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Uploads created through either protocol are the same uploads: same store, ids, downloads and deletion. */
class DraftCrossProtocolTest extends ServerTest {
    private static final DraftVersion V = DraftVersion.latest();

    private String createByDraft(String content) throws Exception {
        Response r = uploads.send(V.creation(false).body(content));
        assertEquals(201, r.status(), r::toString);
        return Uploads.idOf(r);
    }

    private String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aDraftUploadIsContinuedWithTus() throws Exception {
        String id = createByDraft("abc");
        Response head = uploads.head(id);
        assertEquals("3", head.header("Upload-Offset"));
        assertEquals("1", head.header("Upload-Defer-Length"), "the draft's open length is tus's deferred length");
        Response patch = uploads.send(Uploads.patchAt(id, 3).header("Upload-Length", "6").body("def"));
        assertEquals(204, patch.status(), patch::toString);
        assertEquals("abcdef", text(uploads.download(id)));
        Response draftHead = uploads.send(V.offsetRetrieval().withTarget(Uploads.path(id)));
        assertEquals("?1", draftHead.header("Upload-Complete"));
        assertEquals("6", draftHead.header("Upload-Length"));
    }

    @Test
    void aTusUploadIsCompletedWithTheDraft() throws Exception {
        String id = uploads.create("Upload-Length", "6", "Upload-Metadata", "filename " + b64("clip.mp4"));
        uploads.append(id, 0, "abc");
        Response done = uploads.send(V.append(3, true).withTarget(Uploads.path(id)).body("def"));
        assertEquals(200, done.status(), done::toString);
        assertEquals("6", uploads.send(Uploads.headOf(id)).header("Upload-Offset"));
        Response download = uploads.send(Request.of("GET", Uploads.path(id)));
        assertEquals("abcdef", download.text());
        assertEquals("attachment; filename=\"clip.mp4\"; filename*=UTF-8''clip.mp4", download.header("Content-Disposition"));
    }

    @Test
    void metadataSentWithADraftCreationNamesTheDownload() throws Exception {
        Response created = uploads.send(V.creation(true).header("Upload-Metadata", "filename " + b64("测试.txt")
                + ",filetype " + b64("text/plain")).body("hi"));
        assertEquals(201, created.status(), created::toString);
        Response download = uploads.send(Request.of("GET", Uploads.path(Uploads.idOf(created))));
        assertEquals("text/plain", download.header("Content-Type"));
        assertEquals("inline; filename=\"__.txt\"; filename*=UTF-8''%E6%B5%8B%E8%AF%95.txt",
                download.header("Content-Disposition"));
    }

    @Test
    void badMetadataOnADraftCreationIsRefused() throws Exception {
        Response r = uploads.send(V.creation(true).header("Upload-Metadata", "filename not base64!").body("hi"));
        assertEquals(400, r.status(), r::toString);
        assertEquals(DraftVersion.PROBLEM, r.header("Content-Type"));
        assertFalse(r.has("Location"));
    }

    @Test
    void tusTerminatesADraftUploadAndTheDraftCancelsATusUpload() throws Exception {
        String draftMade = createByDraft("abc");
        assertEquals(204, uploads.send(Request.of("DELETE", Uploads.path(draftMade)).tus()).status());
        assertEquals(404, uploads.send(V.offsetRetrieval().withTarget(Uploads.path(draftMade))).status());

        String tusMade = uploads.create(3);
        assertEquals(204, uploads.send(V.request("DELETE", Uploads.path(tusMade))).status());
        assertEquals(404, uploads.head(tusMade).status());
    }

    @Test
    void aFinalUploadOfAConcatenationCannotBeAppendedToByTheDraft() throws Exception {
        String part = uploads.create("Upload-Length", "3", "Upload-Concat", "partial");
        uploads.append(part, 0, "abc");
        String whole = uploads.create("Upload-Concat", "final;/files/" + part);
        Response r = uploads.send(V.append(3, true).withTarget(Uploads.path(whole)).body("d"));
        assertEquals(400, r.status(), "a joined final upload is complete: " + r);
        assertEquals(DraftVersion.PROBLEM_TYPES + "inconsistent-upload-length", r.text().replaceAll(".*\"type\":\"([^\"]+)\".*", "$1"));
        Response head = uploads.send(V.offsetRetrieval().withTarget(Uploads.path(whole)));
        assertEquals("?1", head.header("Upload-Complete"));
        assertEquals("3", head.header("Upload-Offset"));
    }
}
