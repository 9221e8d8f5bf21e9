package dev.carryon.server.download;

import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.core.store.StoredBytes;
import dev.carryon.server.http.Exchange;
import org.eclipse.jetty.http.DateGenerator;

import java.io.IOException;
import java.util.List;

/**
 * GET and HEAD of an upload as a download (RFC 9110): validators, conditional requests, single and multiple
 * ranges. No lock is taken, so any number of readers run beside an upload in progress; they see the bytes
 * durably stored when their request began.
 *
 * <p>An unfinished upload is served as what is stored so far: a full GET returns those bytes, ranges are
 * satisfied within them, and {@code Content-Range} gives the complete length as {@code *} because it is not
 * final yet (a 416 names the stored length, as the grammar requires a number there).
 */
public final class DownloadHandler {
    private final RangeReadable store;

    public DownloadHandler(RangeReadable store) {
        this.store = store;
    }

    public void handle(Exchange exchange, UploadInfo info, boolean withBody) throws IOException {
        try (StoredBytes bytes = store.openStoredBytes(info.id())) {
            long length = bytes.length();
            boolean complete = info.isComplete();
            Validators validators = Validators.of(info.id(), length, bytes.lastModified());
            ContentHeaders content = ContentHeaders.of(info.metadata());
            exchange.set("ETag", validators.etag());
            exchange.set("Last-Modified", DateGenerator.formatDate(validators.lastModified()));
            exchange.set("Accept-Ranges", "bytes");
            exchange.set("Cache-Control", complete ? "no-cache" : "no-store");
            exchange.set("X-Content-Type-Options", "nosniff");

            switch (validators.evaluate(name -> combined(exchange, name))) {
                case NOT_MODIFIED -> {
                    // Without a length of its own, Jetty would say "Content-Length: 0"; the only length a 304
                    // may carry is that of the 200 it stands for (RFC 9110, section 8.6).
                    exchange.set("Content-Length", length);
                    exchange.send(304);
                    return;
                }
                case PRECONDITION_FAILED -> {
                    exchange.sendText(412, "A precondition of the request does not hold\n");
                    return;
                }
                case PROCEED -> { }
            }
            exchange.set("Content-Disposition", content.disposition());
            RangeRequest ranges = validators.rangeStillValid(name -> combined(exchange, name))
                    ? RangeRequest.parse(exchange.header("Range"), length) : RangeRequest.WHOLE;
            String completeLength = complete ? Long.toString(length) : "*";
            BodyWriter writer = new BodyWriter(exchange, bytes, withBody);
            switch (ranges.outcome()) {
                case UNSATISFIABLE -> {
                    exchange.set("Content-Range", "bytes */" + length);
                    exchange.sendText(416, "None of the requested ranges lies within the " + length + " stored bytes\n");
                }
                case WHOLE -> {
                    exchange.set("Content-Type", content.contentType());
                    writer.whole(length);
                }
                case PARTIAL -> {
                    List<ByteRange> list = ranges.ranges();
                    if (list.size() == 1) {
                        exchange.set("Content-Type", content.contentType());
                        exchange.set("Content-Range", list.getFirst().contentRange(completeLength));
                        writer.single(list.getFirst());
                    } else {
                        writer.multipart(list, content.contentType(), completeLength);
                    }
                }
            }
        }
    }

    /**
     * A header's value with all its field lines joined into one list (RFC 9110, section 5.3), so an
     * {@code If-Match} sent as two lines counts every tag; null if the header is absent.
     */
    private static String combined(Exchange exchange, String name) {
        List<String> lines = exchange.request().getHeaders().getValuesList(name);
        return lines.isEmpty() ? null : String.join(", ", lines);
    }
}
