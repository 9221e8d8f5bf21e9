package dev.carryon.cli.reliability;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every offset a server acknowledged for each upload, from the {@code Upload-Offset} of its 204 answers and
 * of HEAD, and every later report that went below one: a lost acknowledgement. Thread-safe.
 */
final class AckLedger {
    private final Map<URI, Long> acknowledged = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger checks = new AtomicInteger();

    /** The highest offset acknowledged for {@code upload} so far, 0 if none. */
    long acknowledged(URI upload) {
        return acknowledged.getOrDefault(upload, 0L);
    }

    /** The server acknowledged {@code offset} for {@code upload}. */
    void acknowledge(URI upload, long offset) {
        acknowledged.merge(upload, offset, Math::max);
    }

    /**
     * The server reported {@code offset} in answer to a request sent when {@code ackedBefore} was the highest
     * acknowledged offset: a report below it is a violation. The report counts as an acknowledgement itself.
     */
    void reported(URI upload, long offset, long ackedBefore, String when) {
        checks.incrementAndGet();
        if (offset < ackedBefore) {
            synchronized (violations) {
                violations.add(upload + " reported " + offset + " after " + ackedBefore + " was acknowledged (" + when + ")");
            }
        }
        acknowledge(upload, offset);
    }

    int checks() {
        return checks.get();
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
