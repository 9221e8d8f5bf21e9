package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.carryon.server.DraftVersion.PROBLEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integrity per RFC 9530: {@code Content-Digest} checked on creation and append (a mismatch discards the
 * content), and {@code Repr-Digest} of the stored upload when a request asks with {@code Want-Repr-Digest}.
 */
class DraftDigestTest extends ServerTest {
    private static final DraftVersion V = DraftVersion.latest();

    static String digest(String algorithm, String text) throws Exception {
        byte[] hash = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        return ":" + Base64.getEncoder().encodeToString(hash) + ":";
    }

    /** An upload of unknown length holding "abcd". */
    private static Map<String, String> open(Uploads uploads) throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        uploads.append(id, 0, "abcd");
        return Map.of("id", id);
    }

    @TestFactory
    Stream<DynamicTest> contentDigest() throws Exception {
        String sha256 = digest("SHA-256", "efg");
        String sha512 = digest("SHA-512", "efg");
        return TusCase.table(server, DraftDigestTest::open,
                TusCase.of("a matching sha-256 appends", V.append(4, false).header("Content-Digest", "sha-256=" + sha256).body("efg"))
                        .status(204).header("Upload-Offset", "7").offsetAfter(7),
                TusCase.of("matching sha-256 and sha-512 append", V.append(4, false)
                                .header("Content-Digest", "sha-512=" + sha512 + ", sha-256=" + sha256).body("efg"))
                        .status(204).offsetAfter(7),
                TusCase.of("an unsupported algorithm beside a supported one is skipped", V.append(4, false)
                                .header("Content-Digest", "md5=:rL0Y20zC+Fzt72VPzMSk2A==:, sha-256=" + sha256).body("efg"))
                        .status(204).offsetAfter(7),
                TusCase.of("a mismatch is 400 and discards the content", V.append(4, false)
                                .header("Content-Digest", "sha-256=" + digest("SHA-256", "xyz")).body("efg"))
                        .status(400).header("Content-Type", PROBLEM).bodyMatching(".*Content-Digest.*").offsetAfter(4),
                TusCase.of("a mismatch of one of two is 400", V.append(4, false)
                                .header("Content-Digest", "sha-256=" + sha256 + ", sha-512=" + digest("SHA-512", "xyz")).body("efg"))
                        .status(400).offsetAfter(4),
                TusCase.of("a chunked body is checked too", V.append(4, true)
                                .header("Content-Digest", "sha-256=" + digest("SHA-256", "xyz"))
                                .chunked(List.of("ef".getBytes(), "g".getBytes())))
                        .status(400).offsetAfter(4),
                TusCase.of("only unsupported algorithms: 400", V.append(4, false)
                                .header("Content-Digest", "md5=:rL0Y20zC+Fzt72VPzMSk2A==:").body("efg"))
                        .status(400).bodyMatching(".*sha-256, sha-512.*").offsetAfter(4),
                TusCase.of("a digest that is not a byte sequence: 400", V.append(4, false)
                                .header("Content-Digest", "sha-256=abc").body("efg"))
                        .status(400).offsetAfter(4),
                TusCase.of("a digest of the wrong size: 400", V.append(4, false)
                                .header("Content-Digest", "sha-256=:YWJj:").body("efg"))
                        .status(400).offsetAfter(4),
                TusCase.of("a field that is no dictionary: 400", V.append(4, false)
                                .header("Content-Digest", "sha-256=" + sha256 + ",").body("efg"))
                        .status(400).offsetAfter(4));
    }

    @Test
    void aCreationWhoseContentDoesNotMatchLeavesNothingBehind() throws Exception {
        Response r = uploads.send(V.creation(true).header("Content-Digest", "sha-256=" + digest("SHA-256", "bye"))
                .body("hello"));
        assertEquals(400, r.status(), r::toString);
        assertFalse(r.has("Location"), r::toString);
        String announced = r.interim().getFirst().header("Location");
        Response head = uploads.send(V.offsetRetrieval().withTarget(java.net.URI.create(announced).getPath()));
        assertEquals(404, head.status(), "the announced upload was removed again");
    }

    @Test
    void aCreationWhoseContentMatchesIsStoredAndItsDigestIsTheFiles() throws Exception {
        String sha256 = digest("SHA-256", "hello");
        Response r = uploads.send(V.creation(true).header("Content-Digest", "sha-256=" + sha256)
                .header("Want-Repr-Digest", "sha-256=5, sha-512=1").body("hello"));
        assertEquals(201, r.status(), r::toString);
        assertEquals("hello", new String(uploads.download(Uploads.idOf(r)), StandardCharsets.UTF_8));
        assertEquals("sha-256=" + sha256 + ", sha-512=" + digest("SHA-512", "hello"), r.header("Repr-Digest"));
        assertTrue(r.text().contains("\"digests\":{\"sha-256\":\"" + sha256.substring(1, sha256.length() - 1)), r.text());
    }

    @Test
    void theVerifiedDigestOfAWholeFileIsReportedUnasked() throws Exception {
        String sha512 = digest("SHA-512", "hello");
        Response r = uploads.send(V.creation(true).header("Content-Digest", "sha-512=" + sha512).body("hello"));
        assertEquals(201, r.status(), r::toString);
        assertFalse(r.has("Repr-Digest"), "the field only when asked for");
        assertTrue(r.text().contains("\"digests\":{\"sha-512\":\"" + sha512.substring(1, sha512.length() - 1)), r.text());

        String id = open(uploads).get("id");
        Response part = uploads.send(V.append(4, true).withTarget(Uploads.path(id))
                .header("Content-Digest", "sha-256=" + digest("SHA-256", "efg")).body("efg"));
        assertEquals(200, part.status(), part::toString);
        assertFalse(part.text().contains("digests"), () -> "a part's digest is not the file's: " + part.text());
    }

    @Test
    void theCompletingResponseCarriesTheDigestsOfTheStoredBytes() throws Exception {
        String id = open(uploads).get("id");
        Response done = uploads.send(V.append(4, true).withTarget(Uploads.path(id))
                .header("Want-Repr-Digest", "sha-512=3, sha-256=10, md5=10").body("efg"));
        assertEquals(200, done.status(), done::toString);
        String sha256 = digest("SHA-256", "abcdefg");
        String sha512 = digest("SHA-512", "abcdefg");
        assertEquals("sha-256=" + sha256 + ", sha-512=" + sha512, done.header("Repr-Digest"));
        String json = done.text();
        assertTrue(json.contains("\"digests\":{\"sha-256\":\"" + sha256.substring(1, sha256.length() - 1) + "\""), json);
    }

    @Test
    void offsetRetrievalOfACompleteUploadCarriesItsDigest() throws Exception {
        String id = uploads.create(4);
        uploads.append(id, 0, "abcd");
        Request head = V.offsetRetrieval().withTarget(Uploads.path(id));
        assertEquals("sha-256=" + digest("SHA-256", "abcd"), uploads.send(head.header("Want-Repr-Digest", "sha-256=1"))
                .header("Repr-Digest"));
        assertFalse(uploads.send(head.header("Want-Repr-Digest", "sha-256=0")).has("Repr-Digest"), "0 means not wanted");
        assertFalse(uploads.send(head).has("Repr-Digest"), "only when asked for");
    }

    @Test
    void anUnfinishedUploadHasNoReprDigest() throws Exception {
        String id = open(uploads).get("id");
        Response head = uploads.send(V.offsetRetrieval().withTarget(Uploads.path(id)).header("Want-Repr-Digest", "sha-256=1"));
        assertEquals(204, head.status(), head::toString);
        assertFalse(head.has("Repr-Digest"), head::toString);
    }

    @Test
    void aMalformedWantReprDigestIsRefused() throws Exception {
        Response r = uploads.send(V.creation(true).header("Want-Repr-Digest", "sha-256=11").body("hello"));
        assertEquals(400, r.status(), r::toString);
        assertFalse(r.has("Location"));
    }
}
