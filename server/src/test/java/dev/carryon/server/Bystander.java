package dev.carryon.server;

import dev.carryon.server.RawHttp.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * A client that minds its own business while others attack the server: it asks for its own upload's offset
 * and for the health endpoint every 20 ms, timing each answer.
 */
final class Bystander {
    /** What the bystander saw. */
    record Figures(int requests, int failures, long p99Nanos) {
    }

    private final TestServer server;
    private final String id;
    private final List<Long> latencies = new ArrayList<>();
    private volatile boolean running = true;
    private int failures;
    private final Thread thread;

    private Bystander(TestServer server, String id) {
        this.server = server;
        this.id = id;
        this.thread = Thread.ofVirtual().start(this::run);
    }

    static Bystander start(TestServer server, String id) {
        return new Bystander(server, id);
    }

    private void run() {
        Uploads uploads = new Uploads(server);
        while (running) {
            for (String target : List.of("head", "health")) {
                long start = System.nanoTime();
                try {
                    Response r = target.equals("head") ? uploads.head(id)
                            : uploads.send(RawHttp.Request.of("GET", "/healthz"));
                    record(System.nanoTime() - start, r.status() == 200);
                } catch (Exception e) {
                    record(System.nanoTime() - start, false);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(long nanos, boolean ok) {
        latencies.add(nanos);
        if (!ok) {
            failures++;
        }
    }

    /** Stops and returns the figures; safe to call more than once. */
    Figures stop() throws InterruptedException {
        running = false;
        thread.join(5000);
        synchronized (this) {
            List<Long> sorted = latencies.stream().sorted().toList();
            long p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
            return new Figures(sorted.size(), failures, p99);
        }
    }
}
