package dev.carryon.client.internal;

import dev.carryon.client.HttpStatusException;
import dev.carryon.client.LocalFileException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Internal: not part of the API. Fetches a file from a server that does not serve ranges (such as
 * {@code @tus/server}): one GET of the whole file, written from the start of the partial file. Without
 * ranges nothing can be continued, so after a failure it starts again from the first byte.
 */
final class WholeFileFetcher {
    private final Transport transport;
    private final URI url;
    private final FileChannel file;
    private final Metering metering;
    private final Backoff backoff;

    WholeFileFetcher(Transport transport, URI url, FileChannel file, Metering metering, Backoff backoff) {
        this.transport = transport;
        this.url = url;
        this.file = file;
        this.metering = metering;
        this.backoff = backoff;
    }

    /** Fetches the file; returns its length. */
    long fetch() throws IOException, InterruptedException {
        while (true) {
            try {
                long length = fetchOnce();
                backoff.succeeded();
                return length;
            } catch (IOException e) {
                metering.progress().addConfirmed(-metering.progress().confirmed()); // nothing of it counts any more
                backoff.failed(e);
            }
        }
    }

    private long fetchOnce() throws IOException, InterruptedException {
        Activity activity = new Activity();
        HttpResponse<BodyChannel> r = transport.send(transport.request(url).GET(), BodyChannel.handler(),
                metering.cancellation(), activity);
        BodyChannel body = r.body();
        try {
            if (r.statusCode() != 200) {
                throw new HttpStatusException("GET", url, r.statusCode(), "",
                        Responses.retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
            }
            long declared = Responses.number(r, "Content-Length").orElse(-1);
            truncate();
            long position = 0;
            for (ByteBuffer buffer; (buffer = body.next(transport.stallTimeout(), metering.cancellation())) != null; ) {
                int n = buffer.remaining();
                write(buffer, position);
                position += n;
                metering.moved(n, activity);
                metering.progress().addConfirmed(n);
            }
            if (declared >= 0 && position != declared) {
                throw new IOException("the response ended after " + position + " of " + declared + " bytes");
            }
            return position;
        } finally {
            body.close();
        }
    }

    private void truncate() throws LocalFileException {
        try {
            file.truncate(0);
        } catch (IOException e) {
            throw new LocalFileException("cannot write the partial file", e);
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
