package dev.carryon.client.internal;

import dev.carryon.client.HttpStatusException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal: not part of the API. What a download needs to know before it starts, from one
 * {@code GET} of the first byte: the file's length, whether it is complete, its entity tag, and whether
 * the server serves ranges (one that ignores the range answers with the whole file, which is not read).
 *
 * @param length   the file's length, or -1 if the server did not say
 * @param complete false if the server serves an unfinished upload ({@code Content-Range: bytes 0-0/*})
 * @param etag     the strong entity tag, or null (a weak one cannot guard ranges)
 * @param ranges   true if the server answered with a range
 */
record DownloadProbe(long length, boolean complete, String etag, boolean ranges) {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes\\s+\\*/(\\d+)");

    static DownloadProbe of(Transport transport, URI url, Cancellation cancellation) throws IOException, InterruptedException {
        HttpResponse<BodyChannel> r = transport.send(transport.request(url).GET().header("Range", "bytes=0-0"),
                BodyChannel.handler(), cancellation, new Activity());
        String etag = r.headers().firstValue("ETag").filter(t -> !t.startsWith("W/")).orElse(null);
        String contentRange = r.headers().firstValue("Content-Range").orElse("");
        switch (r.statusCode()) {
            case 206 -> {
                r.body().close();
                Matcher m = CONTENT_RANGE.matcher(contentRange);
                if (!m.find()) {
                    throw new IOException("GET " + url + " answered 206 with Content-Range '" + contentRange + "'");
                }
                boolean complete = !m.group(3).equals("*");
                return new DownloadProbe(complete ? Long.parseLong(m.group(3)) : -1, complete, etag, true);
            }
            case 200 -> {
                r.body().close();
                return new DownloadProbe(Responses.number(r, "Content-Length").orElse(-1), true, etag, false);
            }
            case 416 -> {
                r.body().close();
                Matcher m = UNSATISFIED.matcher(contentRange);
                if (m.find() && m.group(1).equals("0")) {
                    // No first byte: an empty file, or an upload to which nothing was appended yet.
                    return new DownloadProbe(0, !isUnfinishedUpload(transport, url, cancellation), etag, true);
                }
                throw new HttpStatusException("GET", url, 416, "Content-Range: " + contentRange);
            }
            default -> {
                r.body().close();
                throw new HttpStatusException("GET", url, r.statusCode(), "",
                        Responses.retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
            }
        }
    }

    /** True if a tus server says {@code url} is an upload whose length is unknown or not reached yet. */
    private static boolean isUnfinishedUpload(Transport transport, URI url, Cancellation cancellation)
            throws IOException, InterruptedException {
        HttpResponse<Void> r = transport.send(transport.request(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header(TusClient.TUS_RESUMABLE, TusClient.VERSION), HttpResponse.BodyHandlers.discarding(), cancellation);
        OptionalLong offset = Responses.number(r, "Upload-Offset");
        return r.statusCode() / 100 == 2 && offset.isPresent()
                && Responses.number(r, "Upload-Length").orElse(-1) != offset.getAsLong();
    }
}
