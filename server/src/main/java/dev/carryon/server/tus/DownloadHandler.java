package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.server.http.Exchange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A plain GET or HEAD of an upload (no tus headers): the bytes stored so far, as an attachment. No lock is
 * taken, so downloads never wait for an upload in progress; they read up to the offset known when they
 * started. The one exception is a final upload whose parts have all finished but which nobody has asked
 * about since: it is concatenated first (under its lock, which no append ever holds), as HEAD would.
 */
final class DownloadHandler {
    private static final int BUFFER_SIZE = 256 * 1024;
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}");

    private final TusContext context;

    DownloadHandler(TusContext context) {
        this.context = context;
    }

    void handle(Exchange exchange, String id, boolean withBody) throws IOException {
        if (!(context.store instanceof RangeReadable readable)) {
            throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED);
        }
        UploadInfo info = context.require(id).info();
        if (info.concat().isFinal() && !info.isComplete()) {
            try (Lock ignored = context.lock(id, () -> { })) {
                info = context.concatenateIfReady(context.require(id).info());
            }
        }
        long length = info.offset();
        exchange.set("Content-Type", contentType(info));
        exchange.set("X-Content-Type-Options", "nosniff");
        exchange.set("Content-Disposition", disposition(info));
        exchange.set("Content-Length", length);
        if (!withBody || length == 0) {
            exchange.send(200);
            return;
        }
        exchange.status(200);
        try (SeekableByteChannel channel = readable.openForReading(id)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(BUFFER_SIZE, length));
            for (long left = length; left > 0; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = channel.read(buffer);
                if (n < 0) {
                    throw new IOException("upload data ended before its offset");
                }
                left -= n;
                buffer.flip();
                exchange.write(buffer, left == 0);
            }
        }
        exchange.succeeded();
    }

    private static String contentType(UploadInfo info) {
        return info.metadata().text("filetype").filter(t -> MEDIA_TYPE.matcher(t).matches())
                .orElse("application/octet-stream");
    }

    /**
     * An RFC 5987 {@code filename*}. URLEncoder is form encoding, not that: it writes a space as '+' and
     * leaves '*' alone, and neither is an attr-char, so both are percent-encoded here.
     */
    private static String disposition(UploadInfo info) {
        return info.metadata().text("filename")
                .map(name -> "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A"))
                .orElse("attachment");
    }
}
