package dev.carryon.cli.reliability;

import dev.carryon.cli.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load suite: 500 uploads at once, each a slow PATCH (8 KiB every 250 ms, on a virtual thread of the test),
 * while 20 clients download a finished upload over and over and a prober times a tus HEAD every 20 ms. The
 * server process runs with {@code -Xmx256m}: its peak resident memory must stay under {@value #RSS_BOUND_MIB}
 * MiB, every upload must complete, and HEAD must stay fast (p99 under a second).
 */
class LoadSuiteTest {
    private static final int UPLOADS = 500;
    private static final int PIECE = 8 * 1024;
    private static final int PIECES = 16;
    private static final int DOWNLOADERS = 20;
    /** Peak resident set of the server process: its 256 MiB heap, the JVM itself, and room to spare. */
    private static final long RSS_BOUND_MIB = 640;

    @TempDir
    Path tmp;
    private ServerProcess server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fiveHundredSlowUploadsWithDownloadsStayWithinMemoryAndKeepHeadFast() throws Exception {
        server = ServerProcess.start(tmp.resolve("data"), 0);
        int port = server.port();
        String download = create(port, 4 << 20);
        patch(port, download, new byte[4 << 20], 1, 0);
        String probed = create(port, 10);

        long started = System.nanoTime();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicLong downloaded = new AtomicLong();
        CountDownLatch done = new CountDownLatch(UPLOADS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            ids.add(create(port, (long) PIECE * PIECES));
        }
        for (String id : ids) {
            Thread.ofVirtual().start(() -> {
                try {
                    patch(port, id, new byte[PIECE * PIECES], PIECES, 250);
                    completed.incrementAndGet();
                } catch (IOException | InterruptedException | RuntimeException e) {
                    failed.incrementAndGet();
                    failures.add("upload: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        List<Thread> downloaders = new ArrayList<>();
        for (int i = 0; i < DOWNLOADERS; i++) {
            downloaders.add(Thread.ofVirtual().start(() -> {
                while (done.getCount() > 0) {
                    try {
                        downloaded.addAndGet(get(port, download));
                        Thread.sleep(100); // viewers, not a benchmark: the uploads are what is under test
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        failures.add("download: " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        List<Long> headNanos = Collections.synchronizedList(new ArrayList<>());
        long peakRssKib = 0;
        while (!done.await(20, TimeUnit.MILLISECONDS)) {
            long t = System.nanoTime();
            assertEquals("0", head(port, probed), "the probed upload's offset");
            headNanos.add(System.nanoTime() - t);
            peakRssKib = Math.max(peakRssKib, status("VmHWM"));
        }
        for (Thread d : downloaders) {
            d.join();
        }
        peakRssKib = Math.max(peakRssKib, status("VmHWM"));
        String heap = heapUsed();
        List<Long> sorted = headNanos.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        long elapsed = System.nanoTime() - started;
        new Report("load").put("uploads", completed.get() + "/" + UPLOADS).put("failures", failed.get())
                .put("concurrentSlowPatches", UPLOADS).put("downloaders", DOWNLOADERS)
                .put("downloaded", Report.mib(downloaded.get())).put("heads", sorted.size())
                .put("headP50", Report.millis(p50)).put("headP99", Report.millis(p99))
                .put("serverPeakRss", (peakRssKib / 1024) + "MiB").put("rssBound", RSS_BOUND_MIB + "MiB")
                .put("serverHeapMax", "256MiB").put("serverHeapAfter", heap).put("elapsed", Report.millis(elapsed)).print();

        String firstFailures = failures.stream().limit(5).toList().toString();
        assertEquals(UPLOADS, completed.get(), () -> "uploads completed; first failures: " + firstFailures);
        assertEquals(0, failed.get(), () -> "failed requests: " + firstFailures);
        assertTrue(sorted.size() > 50, "HEADs timed: " + sorted.size());
        assertTrue(p99 < 1_000_000_000L, "HEAD p99 " + Report.millis(p99));
        assertTrue(peakRssKib / 1024 < RSS_BOUND_MIB, "peak RSS " + peakRssKib / 1024 + " MiB");
    }

    /** What the server's heap holds now, as {@code jcmd GC.heap_info} reports it (used of committed). */
    private String heapUsed() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "GC.heap_info")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
        long total = 0;
        long used = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
        }
        return total == 0 ? "unknown" : (used / 1024) + "of" + (total / 1024) + "MiB";
    }

    /** A field of {@code /proc/PID/status} of the server process, in KiB. */
    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String create(int port, long length) throws IOException {
        String response = exchange(port, "POST /files/ HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Length: "
                + length + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        String location = response.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                .orElseThrow(() -> new IOException("no Location: " + response));
        return URI.create(location.substring(9).strip()).getPath();
    }

    private static String head(int port, String path) throws IOException {
        String response = exchange(port, "HEAD " + path + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n"
                + "Connection: close\r\n\r\n");
        return response.lines().filter(l -> l.regionMatches(true, 0, "Upload-Offset:", 0, 14)).findFirst()
                .map(l -> l.substring(14).strip()).orElseThrow(() -> new IOException("no offset: " + response));
    }

    /** Sends {@code body} as one PATCH in {@code pieces}, {@code pauseMillis} apart; fails unless answered 204. */
    private static void patch(int port, String path, byte[] body, int pieces, int pauseMillis)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + path + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int piece = body.length / pieces;
            for (int i = 0; i < pieces; i++) {
                out.write(body, i * piece, i == pieces - 1 ? body.length - i * piece : piece);
                out.flush();
                if (pauseMillis > 0 && i < pieces - 1) {
                    Thread.sleep(pauseMillis);
                }
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 204")) {
                throw new IOException("PATCH answered " + response.lines().findFirst().orElse("nothing"));
            }
        }
    }

    /** Downloads {@code path} whole; returns the bytes received. */
    private static long get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long n = 0;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int r; (r = in.read(buffer)) != -1; ) {
                n += r;
            }
            if (n < 4 << 20) {
                throw new IOException("short download: " + n);
            }
            return n;
        }
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
