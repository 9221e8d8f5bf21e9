package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conditional downloads end to end: 304, 412 and If-Range against a real server. */
class ConditionalDownloadTest extends ServerTest {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private byte[] content;
    private String id;
    private String etag;
    private String lastModified;

    @BeforeEach
    void upload() throws Exception {
        content = new byte[5000];
        new Random(7).nextBytes(content);
        id = uploads.create(content.length);
        uploads.append(id, 0, content);
        Response plain = get();
        etag = plain.header("ETag");
        lastModified = plain.header("Last-Modified");
        assertNotNull(etag, () -> "no ETag in " + plain);
        assertNotNull(lastModified, () -> "no Last-Modified in " + plain);
    }

    /**
     * A GET with the given header fields (name, value, …). The response is read on a connection that then
     * serves one more request, so a body sent where none may be (304, HEAD) would break that second response.
     */
    private Response send(String method, String... headers) throws Exception {
        Request request = Request.of(method, Uploads.path(id));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        try (RawHttp http = RawHttp.connect(server.port())) {
            Response r = http.send(request).readResponse(method);
            Response next = http.send(Request.of("GET", "/healthz")).readResponse("GET");
            assertEquals("ok\n", next.text(), "the response before left bytes on the connection");
            return r;
        }
    }

    private Response get(String... headers) throws Exception {
        return send("GET", headers);
    }

    private static String date(Instant t) {
        return HTTP_DATE.format(t);
    }

    private Instant lastModifiedInstant() {
        return Instant.from(HTTP_DATE.parse(lastModified));
    }

    /** What RFC 9110, section 15.4.5 asks of a 304: no content, the validators, no length but the real one. */
    private void assertNotModified(Response r) {
        assertEquals(304, r.status(), r::toString);
        assertEquals(etag, r.header("ETag"), r::toString);
        assertEquals(0, r.body().length);
        assertNull(r.header("Content-Range"), r::toString);
        String length = r.header("Content-Length");
        assertTrue(length == null || length.equals(Integer.toString(content.length)),
                () -> "a 304 may carry only the length of the 200 it stands for: " + r);
    }

    private void assertWhole(Response r) {
        assertEquals(200, r.status(), r::toString);
        assertNull(r.header("Content-Range"), r::toString);
        assertArrayEquals(content, r.body());
    }

    @Test
    void ifNoneMatchWithTheETagIsNotModified() throws Exception {
        assertNotModified(get("If-None-Match", etag));
        assertNotModified(get("If-None-Match", "\"other\", W/" + etag));
        assertNotModified(get("If-None-Match", "*"));
        assertWhole(get("If-None-Match", "\"other\""));
    }

    @Test
    void ifModifiedSinceTheLastModificationOrLaterIsNotModified() throws Exception {
        assertNotModified(get("If-Modified-Since", lastModified));
        assertNotModified(get("If-Modified-Since", date(lastModifiedInstant().plusSeconds(3600))));
        assertWhole(get("If-Modified-Since", date(lastModifiedInstant().minusSeconds(1))));
    }

    @Test
    void ifNoneMatchDecidesOverIfModifiedSince() throws Exception {
        assertWhole(get("If-None-Match", "\"other\"", "If-Modified-Since", lastModified));
        assertNotModified(get("If-None-Match", etag, "If-Modified-Since", date(Instant.EPOCH)));
    }

    @Test
    void ifMatchWithAnotherETagFails() throws Exception {
        Response r = get("If-Match", "\"other\"");
        assertEquals(412, r.status(), r::toString);
        assertNull(r.header("Content-Range"));
        assertWhole(get("If-Match", etag));
        assertEquals(412, get("If-Match", "W/" + etag).status(), "If-Match compares strongly");
    }

    @Test
    void ifUnmodifiedSinceInThePastFails() throws Exception {
        assertEquals(412, get("If-Unmodified-Since", date(lastModifiedInstant().minusSeconds(1))).status());
        assertWhole(get("If-Unmodified-Since", lastModified));
        assertWhole(get("If-Unmodified-Since", "not a date"));
    }

    @Test
    void aHeaderSentAsSeveralLinesIsOneList() throws Exception {
        // RFC 9110, section 5.3: the lines of a field make one comma-separated value.
        assertWhole(get("If-Match", "\"other\"", "If-Match", etag));
        assertNotModified(get("If-None-Match", "\"other\"", "If-None-Match", etag));
        // Two dates are more than one member: the header is ignored (13.1.3).
        assertWhole(get("If-Modified-Since", lastModified, "If-Modified-Since", lastModified));
    }

    @Test
    void aFailedPreconditionWinsOverNotModified() throws Exception {
        assertEquals(412, get("If-Match", "\"other\"", "If-None-Match", etag).status());
    }

    @Test
    void ifRangeWithAStaleETagSendsTheWhole() throws Exception {
        assertWhole(get("Range", "bytes=0-9", "If-Range", "\"stale\""));
        assertWhole(get("Range", "bytes=0-9", "If-Range", "W/" + etag));
        assertWhole(get("Range", "bytes=0-9", "If-Range", date(lastModifiedInstant().minusSeconds(1))));
        assertWhole(get("Range", "bytes=99999-", "If-Range", "\"stale\""));
    }

    @Test
    void ifRangeWithTheCurrentValidatorSendsTheRange() throws Exception {
        for (String validator : new String[] {etag, lastModified}) {
            Response r = get("Range", "bytes=10-19", "If-Range", validator);
            assertEquals(206, r.status(), r::toString);
            assertEquals("bytes 10-19/5000", r.header("Content-Range"));
            assertArrayEquals(Arrays.copyOfRange(content, 10, 20), r.body());
        }
    }

    @Test
    void aRangeIsNotModifiedEither() throws Exception {
        assertNotModified(get("Range", "bytes=0-9", "If-None-Match", etag));
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        String[][] requests = {
                {},
                {"Range", "bytes=100-199"},
                {"Range", "bytes=0-0,-1"},
                {"Range", "bytes=5000-"},
                {"If-None-Match", etag},
                {"If-Match", "\"other\""},
                {"Range", "bytes=0-9", "If-Range", "\"stale\""},
        };
        for (String[] headers : requests) {
            Response get = get(headers);
            Response head = send("HEAD", headers);
            String what = String.join(" ", headers);
            assertEquals(get.status(), head.status(), what);
            for (String name : new String[] {"Content-Length", "Content-Range", "ETag", "Last-Modified",
                    "Accept-Ranges", "Content-Disposition", "Cache-Control", "X-Content-Type-Options"}) {
                assertEquals(get.header(name), head.header(name), () -> what + ": " + name + " of\n" + head);
            }
            String type = get.header("Content-Type");
            assertEquals(type == null ? null : type.replaceAll("boundary=\\w+", "boundary="),
                    head.header("Content-Type") == null ? null
                            : head.header("Content-Type").replaceAll("boundary=\\w+", "boundary="), what);
        }
    }

    @Test
    void theETagOfAnUnfinishedUploadChangesAsItGrows() throws Exception {
        String growing = uploads.create(10);
        uploads.append(growing, 0, "abc");
        Response before = uploads.send(Request.of("GET", Uploads.path(growing)));
        uploads.append(growing, 3, "def");
        Response after = uploads.send(Request.of("GET", Uploads.path(growing))
                .header("If-None-Match", before.header("ETag")));
        assertEquals(200, after.status(), after::toString);
        assertEquals("abcdef", after.text());
        assertNotEquals(before.header("ETag"), after.header("ETag"));
        assertFalse(after.header("ETag").startsWith("W/"));
    }
}
