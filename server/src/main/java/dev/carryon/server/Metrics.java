package dev.carryon.server;

import java.util.concurrent.atomic.LongAdder;

/** Counters of what the server did, exposed in the Prometheus text format at {@code /metrics}. */
public final class Metrics {
    private final LongAdder uploadsCreated = new LongAdder();
    private final LongAdder uploadsCompleted = new LongAdder();
    private final LongAdder uploadsTerminated = new LongAdder();
    private final LongAdder uploadsExpired = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder appendsInterrupted = new LongAdder();
    private final LongAdder chunksRejected = new LongAdder();
    private final LongAdder locksReleasedOnRequest = new LongAdder();

    public void uploadCreated() {
        uploadsCreated.increment();
    }

    public void uploadCompleted() {
        uploadsCompleted.increment();
    }

    public void uploadTerminated() {
        uploadsTerminated.increment();
    }

    public void uploadExpired() {
        uploadsExpired.increment();
    }

    public void bytesReceived(long n) {
        bytesReceived.add(n);
    }

    public void appendInterrupted() {
        appendsInterrupted.increment();
    }

    public void chunkRejected() {
        chunksRejected.increment();
    }

    public void lockReleasedOnRequest() {
        locksReleasedOnRequest.increment();
    }

    /** The counters in the Prometheus text exposition format. */
    public String render() {
        StringBuilder out = new StringBuilder();
        counter(out, "carryon_uploads_created_total", "Uploads created.", uploadsCreated);
        counter(out, "carryon_uploads_completed_total", "Uploads that received their last byte.", uploadsCompleted);
        counter(out, "carryon_uploads_terminated_total", "Uploads deleted by clients.", uploadsTerminated);
        counter(out, "carryon_uploads_expired_total", "Unfinished uploads removed after expiring.", uploadsExpired);
        counter(out, "carryon_bytes_received_total", "Upload bytes durably stored.", bytesReceived);
        counter(out, "carryon_appends_interrupted_total", "Appends cut short; what arrived was kept.",
                appendsInterrupted);
        counter(out, "carryon_chunks_rejected_total", "Chunks discarded as too long or failing a checksum.",
                chunksRejected);
        counter(out, "carryon_locks_released_on_request_total",
                "Requests ended early so that a newer request on the same upload could proceed.",
                locksReleasedOnRequest);
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, LongAdder value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value.sum()).append('\n');
    }
}
