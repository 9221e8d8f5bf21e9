package dev.carryon.server.draft;

import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import org.eclipse.jetty.http.HttpFields;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code 104 (Upload Resumption Supported)} interim responses of one request. On creation, one goes
 * out before the body is read, with the upload's {@code Location} and limits: a client whose very first
 * request breaks off can still resume. While a long body arrives (from version 5) more follow, each with the
 * {@code Upload-Offset} durably stored so far, so the client learns what it need never send again. Every
 * one carries the request's interop version, which the draft requires of servers of its draft versions.
 */
final class Resumption {
    static final int STATUS = 104;
    static final String REASON = "Upload Resumption Supported";
    /** How often progress is reported at most; the offset moves as the store forces bytes to disk. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** How long the end of a request waits for a progress response still being written. */
    private static final Duration PROGRESS_DRAIN = Duration.ofSeconds(5);

    private final Exchange exchange;
    private final InteropVersion version;

    Resumption(Exchange exchange, InteropVersion version) {
        this.exchange = exchange;
        this.version = version;
    }

    /** Announces a new upload: its location and, if any, its limits. */
    void announce(String location, String limit) throws IOException {
        HttpFields.Mutable fields = fields().put("Location", location);
        if (limit != null) {
            fields.put(DraftRequest.UPLOAD_LIMIT, limit);
        }
        exchange.interim().send(STATUS, REASON, fields);
    }

    /**
     * Reports the stored offset of {@code upload} while its body is appended, at most once per interval and
     * only when it moved past {@code from}; null if the version has no progress responses. Close the
     * reporter before the final response.
     */
    Progress progress(Upload upload, long from) {
        if (!version.reportsProgress()) {
            return null;
        }
        return new Progress(upload, from);
    }

    private HttpFields.Mutable fields() {
        return HttpFields.build().put(InteropVersion.FIELD, Integer.toString(version.number()));
    }

    /** A virtual thread that reports progress until closed. */
    final class Progress implements AutoCloseable {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread reporter;

        private Progress(Upload upload, long from) {
            reporter = Thread.ofVirtual().name("upload-progress").start(() -> report(upload, from));
        }

        private void report(Upload upload, long from) {
            long reported = from;
            try {
                while (!stopped.await(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    long offset = upload.info().offset();
                    if (offset > reported) {
                        if (!exchange.interim().send(STATUS, REASON, fields().put(DraftRequest.UPLOAD_OFFSET, offset))) {
                            return;
                        }
                        reported = offset;
                    }
                }
            } catch (InterruptedException | IOException | RuntimeException ended) {
                // The upload went away or the connection did: the final response, or none, says the rest.
            }
        }

        /**
         * Stops reporting and waits for a response still being written. A client that reads nothing while
         * it sends can keep that write waiting; after a while its connection is closed, as nothing more can
         * be said to it.
         */
        @Override
        public void close() {
            stopped.countDown();
            try {
                if (!reporter.join(PROGRESS_DRAIN)) {
                    exchange.cutConnection();
                    reporter.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
