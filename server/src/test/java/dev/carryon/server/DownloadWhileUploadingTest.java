package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads of an upload while a PATCH to it is still open: readers take no lock, so they answer at once with
 * the bytes stored so far, never more than was sent, and {@code *} as the complete length until the upload is
 * finished.
 */
class DownloadWhileUploadingTest extends ServerTest {
    /** Past the disk store's 16 MiB background-force interval, so bytes become visible mid-PATCH. */
    private static final int LENGTH = 20 << 20;
    private static final int FIRST_PATCH = 1000;
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final Pattern UNFINISHED_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/\\*");

    private byte[] content;

    @BeforeEach
    void prepare() throws Exception {
        content = new byte[LENGTH];
        new Random(42).nextBytes(content);
    }

    private Response get(String id, String... headers) {
        return assertTimeoutPreemptively(PROMPTLY, () -> {
            Request r = Request.of("GET", Uploads.path(id));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                r = r.header(headers[i], headers[i + 1]);
            }
            return uploads.send(r);
        }, "a download waited for the PATCH");
    }

    /** How many bytes a download of {@code id} serves now, as a HEAD says; at most {@code sent}. */
    private long storedLength(String id, long sent) {
        Response head = assertTimeoutPreemptively(PROMPTLY,
                () -> uploads.send(Request.of("HEAD", Uploads.path(id))), "a HEAD waited for the PATCH");
        assertEquals(200, head.status(), head::toString);
        long stored = Long.parseLong(head.header("Content-Length"));
        assertTrue(stored >= FIRST_PATCH && stored <= sent, () -> stored + " bytes stored, " + sent + " sent");
        return stored;
    }

    /** A 206 of an unfinished upload: {@code first-last/*}, with exactly those bytes of the content. */
    private void assertUnfinishedRange(Response r, long first, long last) {
        assertEquals(206, r.status(), r::toString);
        Matcher m = UNFINISHED_RANGE.matcher(r.header("Content-Range"));
        assertTrue(m.matches(), () -> "an unfinished upload has no complete length yet: " + r);
        assertEquals(first, Long.parseLong(m.group(1)), r::toString);
        assertEquals(last, Long.parseLong(m.group(2)), r::toString);
        assertArrayEquals(Arrays.copyOfRange(content, (int) first, (int) last + 1), r.body());
    }

    @Test
    void readersAnswerAtOnceWithWhatIsStoredWhileAPatchIsOpen() throws Exception {
        String id = uploads.create(LENGTH);
        uploads.append(id, 0, Arrays.copyOf(content, FIRST_PATCH));
        try (RawHttp patch = RawHttp.connect(server.port())) {
            int sent = FIRST_PATCH + 65_536;
            patch.sendHead(Uploads.patchAt(id, FIRST_PATCH).header("Content-Length",
                    Integer.toString(LENGTH - FIRST_PATCH)));
            patch.send(Arrays.copyOfRange(content, FIRST_PATCH, sent));

            long stored = storedLength(id, sent);
            Response whole = get(id);
            assertEquals(200, whole.status(), whole::toString);
            assertEquals("no-store", whole.header("Cache-Control"), "a growing download must not be cached");
            assertTrue(whole.body().length >= stored && whole.body().length <= sent, whole::toString);
            assertArrayEquals(Arrays.copyOf(content, whole.body().length), whole.body());

            assertUnfinishedRange(get(id, "Range", "bytes=500-599"), 500, 599);
            Response open = get(id, "Range", "bytes=0-");
            long openLast = Long.parseLong(open.header("Content-Range").replaceAll("bytes 0-(\\d+)/.*", "$1"));
            assertTrue(openLast + 1 >= stored && openLast < sent, open::toString);
            assertUnfinishedRange(open, 0, openLast);

            Response beyond = get(id, "Range", "bytes=" + sent + "-");
            assertEquals(416, beyond.status(), beyond::toString);
            assertTrue(beyond.header("Content-Range").matches("bytes \\*/\\d+"), beyond::toString);
            assertTrue(Long.parseLong(beyond.header("Content-Range").substring(8)) <= sent, beyond::toString);

            // More than a background-force interval: those bytes become visible before the PATCH ends.
            int more = FIRST_PATCH + (17 << 20);
            patch.send(Arrays.copyOfRange(content, sent, more));
            long grown = awaitGrowthBeyond(id, sent, more);
            assertUnfinishedRange(get(id, "Range", "bytes=" + (grown - 1000) + "-" + (grown - 1)), grown - 1000,
                    grown - 1);
            assertUnfinishedRange(get(id, "Range", "bytes=-10"), grown - 10, grown - 1);

            patch.send(Arrays.copyOfRange(content, more, LENGTH));
            Response done = patch.readResponse("PATCH");
            assertEquals(204, done.status(), done::toString);
            assertEquals(Integer.toString(LENGTH), done.header("Upload-Offset"));
        }
        Response whole = get(id);
        assertEquals(200, whole.status());
        assertArrayEquals(content, whole.body());
        Response range = get(id, "Range", "bytes=0-9");
        assertEquals("bytes 0-9/" + LENGTH, range.header("Content-Range"), range::toString);
        assertArrayEquals(Arrays.copyOf(content, 10), range.body());
    }

    /** Waits until more than {@code before} bytes are served; returns how many. */
    private long awaitGrowthBeyond(String id, long before, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            long stored = storedLength(id, sent);
            if (stored > before) {
                return stored;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("bytes sent in an open PATCH never became visible to downloads");
    }

    @Test
    void aDeferredLengthUploadIsServedAsItGrows() throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1");
        uploads.append(id, 0, Arrays.copyOf(content, 300));
        assertUnfinishedRange(get(id, "Range", "bytes=100-"), 100, 299);
        uploads.append(id, 300, Arrays.copyOfRange(content, 300, 600));
        assertUnfinishedRange(get(id, "Range", "bytes=-100"), 500, 599);
        Response beyond = get(id, "Range", "bytes=600-");
        assertEquals(416, beyond.status(), beyond::toString);
        assertEquals("bytes */600", beyond.header("Content-Range"));
    }
}
