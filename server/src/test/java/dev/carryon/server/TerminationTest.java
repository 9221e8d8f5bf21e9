package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tus {@code termination}: DELETE removes an upload and everything stored for it. */
class TerminationTest extends ServerTest {

    private Response delete(String id) throws Exception {
        return uploads.send(Request.of("DELETE", Uploads.path(id)).tus());
    }

    private static void assertGone(Response r) {
        assertTrue(r.status() == 404 || r.status() == 410, () -> "expected 404 or 410:\n" + r);
    }

    private List<String> filesOf(String id) throws Exception {
        return server.storedNames().stream().filter(name -> name.startsWith(id)).toList();
    }

    @Test
    void deletedUploadsAreGone() throws Exception {
        String id = uploads.create(10);
        uploads.append(id, 0, "abc");
        Response deleted = delete(id);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("1.0.0", deleted.header("Tus-Resumable"));

        assertGone(uploads.head(id));
        assertGone(uploads.send(Uploads.patchAt(id, 3).body("d")));
        assertGone(uploads.send(Request.of("GET", Uploads.path(id))));
        assertGone(delete(id));
        assertEquals(List.of(), filesOf(id));
    }

    @Test
    void finishedAndFinalUploadsCanBeDeleted() throws Exception {
        String part = uploads.create("Upload-Length", "2", "Upload-Concat", "partial");
        uploads.append(part, 0, "ab");
        String fin = Uploads.idOf(uploads.send(Uploads.creation().header("Upload-Concat", "final;/files/" + part)));
        assertEquals(2, uploads.offset(fin));

        assertEquals(204, delete(fin).status());
        assertGone(uploads.head(fin));
        assertEquals(2, uploads.offset(part), "deleting the final upload leaves its parts");
        assertEquals(204, delete(part).status());
        assertEquals(List.of(), filesOf(fin));
        assertEquals(List.of(), filesOf(part));
    }

    @Test
    void otherUploadsAreUntouched() throws Exception {
        String keep = uploads.create(5);
        uploads.append(keep, 0, "keep");
        String drop = uploads.create(5);
        assertEquals(204, delete(drop).status());
        assertEquals(4, uploads.offset(keep));
    }
}
