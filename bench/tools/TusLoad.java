import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many tus uploads at once over plain HTTP/1.1 sockets, for the benchmark scenarios that wrk cannot express.
 * The client is deliberately thin (one virtual thread and one socket per upload, no HTTP library) so that it
 * costs the server under test as little CPU as possible.
 *
 * <pre>
 * java TusLoad latency BASE UPLOADS SIZE [PID]
 *     starts UPLOADS uploads of SIZE bytes at the same instant, each a creation request and one PATCH on its
 *     own connection; prints the latency percentiles of create + PATCH and, given the server's PID, its peak RSS
 * java TusLoad idle BASE UPLOADS LENGTH FIRST CONCURRENCY
 *     creates UPLOADS uploads of LENGTH bytes and sends the first FIRST bytes of each, CONCURRENCY connections
 *     at a time, then leaves them unfinished
 * </pre>
 *
 * BASE is the creation URL (e.g. http://127.0.0.1:1080/files/). The results are printed as key=value lines.
 * Exits with 1 when any request failed.
 */
public class TusLoad {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TusLoad latency BASE UPLOADS SIZE [PID] | TusLoad idle BASE UPLOADS LENGTH FIRST CONCURRENCY");
            System.exit(2);
        }
        URI base = URI.create(args[1]);
        int uploads = Integer.parseInt(args[2]);
        int errors = switch (args[0]) {
            case "latency" -> latency(base, uploads, Integer.parseInt(args[3]), args.length > 4 ? Long.parseLong(args[4]) : -1);
            case "idle" -> idle(base, uploads, Long.parseLong(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.exit(errors == 0 ? 0 : 1);
    }

    static int latency(URI base, int uploads, int size, long pid) throws Exception {
        byte[] body = randomBytes(size);
        long[] nanos = new long[uploads];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(uploads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(uploads);
        for (int i = 0; i < uploads; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                ready.countDown();
                try {
                    go.await();
                    long start = System.nanoTime();
                    try (Connection c = new Connection(base)) {
                        String url = c.create(size);
                        c.patch(url, 0, body, size);
                    }
                    nanos[index] = System.nanoTime() - start;
                } catch (Exception e) {
                    nanos[index] = -1;
                    if (errors.getAndIncrement() == 0) {
                        System.err.println("upload failed: " + e);
                    }
                }
            }));
        }
        ready.await();
        RssSampler rss = pid > 0 ? RssSampler.start(pid) : null;
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] ok = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
        print("uploads", ok.length);
        print("errors", errors.get());
        print("seconds", seconds);
        print("uploads_per_s", ok.length / seconds);
        print("p50_ms", percentile(ok, 50) / 1e6);
        print("p99_ms", percentile(ok, 99) / 1e6);
        print("max_ms", ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6);
        if (rss != null) {
            rss.stop();
            print("rss_before_kib", rss.first);
            print("rss_peak_kib", rss.peak);
        }
        return errors.get();
    }

    static int idle(URI base, int uploads, long length, int first, int concurrency) throws Exception {
        byte[] body = randomBytes(first);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                Connection c = null;
                while (next.getAndIncrement() < uploads) {
                    try {
                        if (c == null || c.closed) {
                            if (c != null) {
                                c.close();
                            }
                            c = new Connection(base);
                        }
                        String url = c.create(length);
                        if (first > 0) {
                            c.patch(url, 0, body, first);
                        }
                        created.incrementAndGet();
                    } catch (Exception e) {
                        if (errors.getAndIncrement() == 0) {
                            System.err.println("upload failed: " + e);
                        }
                        c = null;
                    }
                }
                if (c != null) {
                    c.close();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        print("uploads", created.get());
        print("errors", errors.get());
        print("seconds", (System.nanoTime() - start) / 1e9);
        return errors.get();
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(8).nextBytes(b);
        return b;
    }

    static void print(String key, double value) {
        System.out.println(key + "=" + (value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value)));
    }

    /** Samples a process's resident set every 20 ms from /proc, keeping the first value and the peak. */
    static final class RssSampler implements Runnable {
        final Path status;
        final Thread thread;
        volatile boolean running = true;
        volatile long first = -1, peak;

        RssSampler(long pid) {
            status = Path.of("/proc", Long.toString(pid), "status");
            thread = Thread.ofPlatform().daemon().unstarted(this);
        }

        static RssSampler start(long pid) {
            RssSampler s = new RssSampler(pid);
            s.sample();
            s.thread.start();
            return s;
        }

        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void sample() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("\\D", ""));
                        if (first < 0) {
                            first = kib;
                        }
                        peak = Math.max(peak, kib);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                running = false; // the process is gone
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            sample();
        }
    }

    /** One keep-alive HTTP/1.1 connection speaking just enough tus. */
    static final class Connection implements AutoCloseable {
        final URI base;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean closed;

        Connection(URI base) throws IOException {
            this.base = base;
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(300_000);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 300_000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }

        /** Creates an upload of {@code length} bytes and returns its path. */
        String create(long length) throws IOException {
            Map<String, String> h = exchange("POST", base.getRawPath(), "Upload-Length: " + length + "\r\n", null, 0, 201);
            String location = h.get("location");
            if (location == null) {
                throw new IOException("no Location in the creation response");
            }
            return location.startsWith("http") ? URI.create(location).getRawPath() : location;
        }

        void patch(String path, long offset, byte[] body, int n) throws IOException {
            exchange("PATCH", path, "Upload-Offset: " + offset + "\r\nContent-Type: application/offset+octet-stream\r\n", body, n, 204);
        }

        Map<String, String> exchange(String method, String path, String headers, byte[] body, int n, int expected) throws IOException {
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nTus-Resumable: 1.0.0\r\n" + headers + "Content-Length: " + n + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (n > 0) {
                out.write(body, 0, n);
            }
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.split(" ")[1]);
            while (code >= 100 && code < 200) { // interim responses carry no body
                while (!line().isEmpty()) {
                    // skip its headers
                }
                status = line();
                code = Integer.parseInt(status.split(" ")[1]);
            }
            Map<String, String> h = new HashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                h.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    in.skipNBytes(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (h.containsKey("content-length")) {
                in.skipNBytes(Long.parseLong(h.get("content-length")));
            }
            if ("close".equalsIgnoreCase(h.get("connection"))) {
                closed = true;
            }
            if (code != expected) {
                throw new IOException(method + " " + path + " answered " + status);
            }
            return h;
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
