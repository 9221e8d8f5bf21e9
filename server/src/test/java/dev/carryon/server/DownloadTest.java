package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.carryon.server.Uploads.b64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plain GET or HEAD (no tus headers) downloads what was uploaded. */
class DownloadTest extends ServerTest {
    /** RFC 8187 (was 5987) ext-value with UTF-8: attr-chars and percent-encoded octets only. */
    private static final Pattern FILENAME_STAR =
            Pattern.compile("(?:inline|attachment); filename=\"[\\x20-\\x7e&&[^\"\\\\]]*\"; "
                    + "filename\\*=UTF-8''((?:[A-Za-z0-9!#$&+\\-.^_`|~]|%[0-9A-F]{2})*)");


    private String upload(byte[] content, String metadata) throws Exception {
        String id = uploads.create("Upload-Length", Integer.toString(content.length), "Upload-Metadata", metadata);
        uploads.append(id, 0, content);
        return id;
    }

    @Test
    void getReturnsTheBytesWithTypeAndName() throws Exception {
        byte[] content = new byte[600_000];
        new Random(1).nextBytes(content);
        String id = upload(content, "filename " + b64("测试 视频.mp4") + ",filetype " + b64("video/mp4"));

        Response r = uploads.send(Request.of("GET", Uploads.path(id)));
        assertEquals(200, r.status());
        assertArrayEquals(content, r.body());
        assertEquals("video/mp4", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("测试 视频.mp4", filenameIn(r));
        assertNull(r.header("Tus-Resumable"), "a download is not a tus exchange");
    }

    @Test
    void headDescribesTheDownload() throws Exception {
        String id = upload("hello".getBytes(), "filetype " + b64("text/plain"));
        Response r = uploads.send(Request.of("HEAD", Uploads.path(id)));
        assertEquals(200, r.status());
        assertEquals("5", r.header("Content-Length"));
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals("inline", r.header("Content-Disposition"));
        assertNull(r.header("Upload-Offset"));
    }

    @Test
    void anUnfinishedUploadDownloadsWhatIsStored() throws Exception {
        String id = uploads.create(10);
        uploads.append(id, 0, "abc");
        assertArrayEquals("abc".getBytes(), uploads.download(id));
    }

    @Test
    void activeContentIsNeverServedInline() throws Exception {
        for (String type : new String[] {"text/html", "image/svg+xml", "application/javascript", "text/xml",
                "application/xhtml+xml"}) {
            String id = upload("<script>alert(1)</script>".getBytes(), "filetype " + b64(type));
            Response r = uploads.send(Request.of("GET", Uploads.path(id)));
            assertEquals("application/octet-stream", r.header("Content-Type"), type);
            assertEquals("attachment", r.header("Content-Disposition"), type);
        }
    }

    @Test
    void aFiletypeThatIsNotAMediaTypeIsNotServed() throws Exception {
        String id = upload("<p>".getBytes(), "filetype " + b64("text/html\"; x=<script>"));
        Response r = uploads.send(Request.of("GET", Uploads.path(id)));
        assertEquals("application/octet-stream", r.header("Content-Type"));
    }

    @Test
    void unknownUploadsAreNotFound() throws Exception {
        assertEquals(404, uploads.send(Request.of("GET", "/files/0123456789abcdef0123456789abcdef")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"测试 视频.mp4", "a*b.txt", "it's 100%.txt", "\"quoted\"; name=x.txt", "tab\there.bin",
            "naïve café ☕.mov", "~tilde+plus&amp.webm"})
    void filenamesRoundTripAsRfc5987(String name) throws Exception {
        String id = upload("x".getBytes(), "filename " + b64(name));
        assertEquals(name, filenameIn(uploads.send(Request.of("GET", Uploads.path(id)))));
    }

    /** The decoded filename of a Content-Disposition, which must be a well-formed RFC 5987 value. */
    private static String filenameIn(Response r) {
        String disposition = r.header("Content-Disposition");
        Matcher m = FILENAME_STAR.matcher(disposition);
        assertTrue(m.matches(), () -> "not an RFC 5987 filename*: " + disposition);
        return URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
