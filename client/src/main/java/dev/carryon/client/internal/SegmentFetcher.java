package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import dev.carryon.client.HttpStatusException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal: not part of the API. Fetches one range of a file into its place in the partial file, with
 * {@code If-Range} so that a file changed on the server is noticed rather than mixed in. After a failure it
 * asks again for the rest of the range. {@code done} tells how much of the range is written, for
 * checkpoints and progress.
 */
final class SegmentFetcher {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/");

    /** The file on the server is no longer the one being downloaded. */
    static final class ChangedException extends IOException {
        ChangedException(URI url) {
            super(url + " changed on the server during the download");
        }
    }

    private final Transport transport;
    private final URI url;
    private final String etag;
    private final long start;
    private final long end;
    private final AtomicLong done;
    private final FileChannel file;
    private final Metering metering;
    private final Backoff backoff;

    SegmentFetcher(Transport transport, URI url, String etag, long start, long end, AtomicLong done, FileChannel file,
                   Metering metering, Backoff backoff) {
        this.transport = transport;
        this.url = url;
        this.etag = etag;
        this.start = start;
        this.end = end;
        this.done = done;
        this.file = file;
        this.metering = metering;
        this.backoff = backoff;
    }

    /** Fetches the rest of the range. */
    void fetch() throws IOException, InterruptedException {
        while (start + done.get() < end) {
            long before = done.get();
            try {
                fetchOnce();
                backoff.succeeded();
            } catch (ChangedException changed) {
                throw changed;
            } catch (IOException e) {
                if (done.get() > before) {
                    backoff.succeeded(); // it made progress: this failure starts a new outage
                }
                backoff.failed(e);
            }
        }
    }

    private void fetchOnce() throws IOException, InterruptedException {
        long from = start + done.get();
        HttpRequest.Builder request = transport.request(url).GET().header("Range", "bytes=" + from + "-" + (end - 1));
        if (etag != null) {
            request.header("If-Range", etag);
        }
        Activity activity = new Activity();
        HttpResponse<BodyChannel> r = transport.send(request, BodyChannel.handler(), metering.cancellation(), activity);
        BodyChannel body = r.body();
        try {
            if (r.statusCode() == 200) {
                throw new ChangedException(url);
            }
            if (r.statusCode() != 206) {
                throw new HttpStatusException("GET", url, r.statusCode(), "",
                        Responses.retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
            }
            Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
            if (!m.find() || Long.parseLong(m.group(1)) != from) {
                throw new IOException("GET " + url + " answered a range other than the one asked for");
            }
            long position = from;
            for (ByteBuffer buffer; (buffer = body.next(transport.stallTimeout(), metering.cancellation())) != null; ) {
                int n = buffer.remaining();
                if (position + n > end) {
                    throw new IOException("GET " + url + " sent more than the range asked for");
                }
                write(buffer, position);
                position += n;
                done.addAndGet(n);
                metering.moved(n, activity);
                metering.progress().addConfirmed(n);
            }
            if (position < end) {
                throw new IOException("the response ended after " + (position - from) + " of " + (end - from) + " bytes");
            }
        } finally {
            body.close();
        }
    }

    private void write(ByteBuffer buffer, long position) throws LocalFileException {
        try {
            for (long at = position; buffer.hasRemaining(); ) {
                at += file.write(buffer, at);
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot write the partial file", e);
        }
    }
}
