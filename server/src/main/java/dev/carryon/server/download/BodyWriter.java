package dev.carryon.server.download;

import dev.carryon.core.store.StoredBytes;
import dev.carryon.server.http.Exchange;
import org.eclipse.jetty.io.RetainableByteBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a download's body: the whole, one range, or several as {@code multipart/byteranges}. Bytes go
 * from the store into one reused direct buffer and from there to the socket, so memory stays the same
 * whatever the size.
 */
final class BodyWriter {
    private static final int BUFFER_SIZE = 256 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Exchange exchange;
    private final StoredBytes bytes;
    private final boolean withBody;

    BodyWriter(Exchange exchange, StoredBytes bytes, boolean withBody) {
        this.exchange = exchange;
        this.bytes = bytes;
        this.withBody = withBody;
    }

    void whole(long length) throws IOException {
        exchange.set("Content-Length", length);
        send(200, length == 0 ? List.of() : List.of(new ByteRange(0, length - 1)), null);
    }

    void single(ByteRange range) throws IOException {
        exchange.set("Content-Length", range.length());
        send(206, List.of(range), null);
    }

    void multipart(List<ByteRange> ranges, String contentType, String completeLength) throws IOException {
        String boundary = HexFormat.of().formatHex(randomBytes());
        String[] heads = new String[ranges.size()];
        long total = 0;
        for (int i = 0; i < heads.length; i++) {
            heads[i] = "\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: "
                    + ranges.get(i).contentRange(completeLength) + "\r\n\r\n";
            total += heads[i].length() + ranges.get(i).length();
        }
        String tail = "\r\n--" + boundary + "--\r\n";
        total += tail.length();
        exchange.set("Content-Type", "multipart/byteranges; boundary=" + boundary);
        exchange.set("Content-Length", total);
        send(206, ranges, new Multipart(heads, tail));
    }

    private record Multipart(String[] heads, String tail) {
    }

    private void send(int status, List<ByteRange> ranges, Multipart multipart) throws IOException {
        if (!withBody || ranges.isEmpty()) {
            exchange.send(status);
            return;
        }
        exchange.status(status);
        RetainableByteBuffer pooled = exchange.acquireBuffer((int) Math.min(BUFFER_SIZE, maxLength(ranges)));
        try {
            ByteBuffer buffer = pooled.getByteBuffer();
            for (int i = 0; i < ranges.size(); i++) {
                if (multipart != null) {
                    exchange.write(ascii(multipart.heads()[i]), false);
                }
                copy(ranges.get(i), buffer, multipart == null && i == ranges.size() - 1);
            }
            if (multipart != null) {
                exchange.write(ascii(multipart.tail()), true);
            }
        } finally {
            pooled.release();
        }
        exchange.succeeded();
    }

    private void copy(ByteRange range, ByteBuffer buffer, boolean lastOfBody) throws IOException {
        long position = range.first();
        long end = range.last() + 1;
        bytes.readAhead(position, end);
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            while (buffer.hasRemaining()) {
                int n = bytes.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new IOException("the stored bytes ended early");
                }
            }
            position += buffer.flip().remaining();
            exchange.write(buffer, lastOfBody && position == end);
        }
    }

    private static long maxLength(List<ByteRange> ranges) {
        return ranges.stream().mapToLong(ByteRange::length).max().orElse(1);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }
}
