package dev.carryon.server;

import dev.carryon.server.RawHttp.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parts of a 206 response, whatever its form: one part from {@code Content-Range} and the body, or the
 * parts of a {@code multipart/byteranges} body (RFC 9110, section 14.6). A multipart body is read strictly:
 * each part's length comes from its {@code Content-Range}, and the next delimiter must follow exactly.
 */
final class ByteRangesBody {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** One part: its {@code Content-Type} (null for a single-part response), {@code Content-Range} and bytes. */
    record Part(String contentType, String contentRange, byte[] bytes) {
        long first() {
            return Long.parseLong(matcher().group(1));
        }

        long last() {
            return Long.parseLong(matcher().group(2));
        }

        /** What follows the slash: the complete length, or {@code *}. */
        String completeLength() {
            return matcher().group(3);
        }

        String range() {
            return first() + "-" + last();
        }

        private Matcher matcher() {
            Matcher m = CONTENT_RANGE.matcher(contentRange);
            assertTrue(m.matches(), () -> "not a byte Content-Range: " + contentRange);
            return m;
        }
    }

    private ByteRangesBody() {
    }

    /** The parts of a 206 response to a GET. */
    static List<Part> parts(Response r) {
        assertEquals(206, r.status(), r::toString);
        String type = r.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/byteranges")) {
            return multipart(r.body(), boundary(type));
        }
        String range = r.header("Content-Range");
        assertNotNull(range, () -> "a single-part 206 needs a Content-Range: " + r);
        Part part = new Part(null, range, r.body());
        assertEquals(part.last() - part.first() + 1, r.body().length, () -> "body length against " + range);
        return List.of(part);
    }

    private static String boundary(String contentType) {
        Matcher m = Pattern.compile(";\\s*boundary=\"?([^\";]+)\"?").matcher(contentType);
        assertTrue(m.find(), () -> "no boundary in " + contentType);
        return m.group(1);
    }

    private static List<Part> multipart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos = indexOf(body, delimiter, 0);
        assertTrue(pos >= 0, "no first delimiter");
        List<Part> parts = new ArrayList<>();
        while (true) {
            pos += delimiter.length;
            if (startsWith(body, pos, "--")) {
                return parts; // the close delimiter; an epilogue may follow
            }
            pos = expect(body, pos, "\r\n");
            String contentType = null;
            String contentRange = null;
            for (String line = line(body, pos); !line.isEmpty(); line = line(body, pos)) {
                pos += line.length() + 2;
                String name = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).strip();
                if (name.equals("content-type")) {
                    contentType = value;
                } else if (name.equals("content-range")) {
                    contentRange = value;
                }
            }
            pos += 2;
            assertNotNull(contentRange, "a part without Content-Range");
            Part head = new Part(contentType, contentRange, new byte[0]);
            int length = Math.toIntExact(head.last() - head.first() + 1);
            assertTrue(pos + length <= body.length, "a part runs past the end of the body");
            parts.add(new Part(contentType, contentRange, Arrays.copyOfRange(body, pos, pos + length)));
            pos = expect(body, pos + length, "\r\n");
            assertTrue(startsWith(body, pos, new String(delimiter, StandardCharsets.US_ASCII)),
                    "a part is not followed by a delimiter");
        }
    }

    private static String line(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return new String(body, from, i - from, StandardCharsets.ISO_8859_1);
            }
        }
        return fail("unterminated header line in a part");
    }

    private static int expect(byte[] body, int pos, String text) {
        assertTrue(startsWith(body, pos, text), () -> "expected " + text.replace("\r\n", "CRLF") + " at " + pos);
        return pos + text.length();
    }

    private static boolean startsWith(byte[] body, int pos, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        return pos + t.length <= body.length && Arrays.equals(body, pos, pos + t.length, t, 0, t.length);
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        for (int i = from; i + target.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + target.length, target, 0, target.length)) {
                return i;
            }
        }
        return -1;
    }
}
