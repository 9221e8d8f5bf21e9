package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static dev.carryon.server.Uploads.OCTETS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tus {@code expiration}: unfinished uploads carry Upload-Expires and are removed once it passes. */
class ExpirationTest {
    private TestServer server;
    private Uploads uploads;

    private void start(Duration expireAfter) throws Exception {
        server = TestServer.start(c -> c.withExpireAfter(expireAfter));
        uploads = new Uploads(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Instant httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    @Test
    void unfinishedUploadsSayWhenTheyExpire() throws Exception {
        start(Duration.ofHours(1));
        Instant before = Instant.now();
        Response created = uploads.send(Uploads.creation().header("Upload-Length", "10"));
        assertNotNull(created.header("Upload-Expires"), created::toString);
        Instant expires = httpDate(created.header("Upload-Expires"));
        assertTrue(expires.isAfter(before.plus(Duration.ofMinutes(59))) && expires.isBefore(before.plus(Duration.ofMinutes(61))),
                () -> "expires at " + expires);

        String id = Uploads.idOf(created);
        assertNotNull(uploads.head(id).header("Upload-Expires"));
        Response patched = uploads.send(Uploads.patchAt(id, 0).body("abc"));
        assertNotNull(patched.header("Upload-Expires"), patched::toString);
        Response finished = uploads.send(Uploads.patchAt(id, 3).body("defghij"));
        assertNull(finished.header("Upload-Expires"), "a finished upload does not expire");
        assertNull(uploads.head(id).header("Upload-Expires"));
    }

    @Test
    void expiredUploadsAreGoneAndRemoved() throws Exception {
        start(Duration.ofSeconds(1));
        String id = uploads.create(10);
        uploads.append(id, 0, "abc");
        String done = uploads.create(3);
        uploads.append(done, 0, "xyz");

        int status = awaitHeadStatusOtherThan(id, 200, Duration.ofSeconds(5));
        assertTrue(status == 404 || status == 410, "an expired upload answers 404 or 410, not " + status);
        Response patch = uploads.send(Uploads.patchAt(id, 3).body("d"));
        assertTrue(patch.status() == 404 || patch.status() == 410, patch::toString);
        awaitNoFilesOf(id, Duration.ofSeconds(3));

        assertEquals(200, uploads.head(done).status(), "a finished upload stays");
        assertArrayEquals("xyz".getBytes(), uploads.download(done));
    }

    @Test
    void activityPostponesExpiry() throws Exception {
        start(Duration.ofSeconds(2));
        String id = uploads.create(10);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(900);
            uploads.append(id, i, "x");
        }
        assertEquals(200, uploads.head(id).status(), "changed 0.9 s ago, created 2.7 s ago");
    }

    @Test
    void anExpiredPartCannotBeConcatenated() throws Exception {
        start(Duration.ofSeconds(1));
        String part = uploads.create("Upload-Length", "3", "Upload-Concat", "partial");
        awaitHeadStatusOtherThan(part, 200, Duration.ofSeconds(5));
        Response r = uploads.send(Uploads.creation().header("Upload-Concat", "final;/files/" + part));
        assertEquals(400, r.status(), r::toString);
        assertNull(r.header("Location"));
    }

    @Test
    void finishedUploadsNeverExpire() throws Exception {
        start(Duration.ofSeconds(1));
        Response r = uploads.send(Uploads.creation().header("Upload-Length", "3").header("Content-Type", OCTETS)
                .body("abc"));
        assertNull(r.header("Upload-Expires"));
        String id = Uploads.idOf(r);
        Thread.sleep(1500);
        assertEquals(3, uploads.offset(id));
        assertEquals(200, uploads.send(Request.of("GET", Uploads.path(id))).status());
    }

    private int awaitHeadStatusOtherThan(String id, int status, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        int seen;
        do {
            Thread.sleep(50);
            seen = uploads.head(id).status();
        } while (seen == status && System.nanoTime() < deadline);
        return seen;
    }

    private void awaitNoFilesOf(String id, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> left;
        do {
            left = server.storedNames().stream().filter(name -> name.startsWith(id)).toList();
            if (!left.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left, "the sweeper removes every file of the upload");
    }
}
