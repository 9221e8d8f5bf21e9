package dev.carryon.cli.reliability;

import dev.carryon.cli.ServerProcess;
import dev.carryon.client.CarryonClient;
import dev.carryon.client.CheckpointStore;
import dev.carryon.client.CompletedUpload;
import dev.carryon.client.ProgressSnapshot;
import dev.carryon.client.RetryPolicy;
import dev.carryon.client.TransferListener;
import dev.carryon.client.UploadRequest;
import dev.carryon.s3.S3ProxyServer;
import dev.carryon.s3.S3Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Crash suite: eight uploads run in parallel from retrying Carryon SDK clients while the real server process
 * is SIGKILLed at seeded random moments and started again on the same data. Every offset the server
 * acknowledges (a PATCH's 204, a HEAD) is recorded; every upload's offset is asked for (tus HEAD) right
 * after each restart, and on the disk store a watcher also reads the stored length all along: no report may
 * fall below an acknowledged offset, and every upload must end complete with the file's SHA-256. Runs on the
 * disk store and on the S3 store (S3Proxy). The seed is printed; {@code -Dcarryon.reliability.seed=N}
 * repeats a run.
 */
class CrashSuiteTest {
    private static final int UPLOADS = 8;
    private static final long FILE_SIZE = 6L << 20;
    /** Slow enough that the kills fall in the middle of the uploads. */
    private static final long RATE = 1L << 20;
    private static final RetryPolicy PATIENT = RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(50))
            .withMaxDelay(Duration.ofMillis(400)).withDeadline(Duration.ofSeconds(60));

    /** Starts the server under test on a port (0 for any) over the same data each time. */
    @FunctionalInterface
    interface Launcher {
        ServerProcess start(int port) throws IOException, InterruptedException;
    }

    @TempDir
    Path tmp;
    private volatile ServerProcess server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void diskStoreLosesNothingAcknowledged() throws Exception {
        Path data = tmp.resolve("data");
        run("crash(disk)", port -> ServerProcess.start(data, port), 4, true);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void s3StoreLosesNothingAcknowledged() throws Exception {
        S3Service s3 = S3ProxyServer.shared();
        String bucket = s3.createBucket();
        run("crash(s3)", port -> ServerProcess.start(port, List.of("--store", "s3", "--s3-endpoint",
                        s3.endpoint().toString(), "--s3-bucket", bucket, "--s3-provider", "generic", "--s3-part-size", "5M"),
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                        "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE", "/dev/null")), 3, false);
    }

    /**
     * Waits until the uploads together got {@code bytes} more acknowledged, so that each kill strikes uploads
     * that are moving rather than clients still waiting out their backoff.
     */
    private static void awaitProgress(AckLedger ledger, Map<URI, Boolean> uploads, long bytes, Duration timeout)
            throws InterruptedException {
        long start = total(ledger, uploads);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total(ledger, uploads) - start < bytes && System.nanoTime() < deadline
                && (uploads.size() < UPLOADS || uploads.containsValue(Boolean.FALSE))) {
            Thread.sleep(20);
        }
    }

    private static long total(AckLedger ledger, Map<URI, Boolean> uploads) {
        return uploads.keySet().stream().mapToLong(ledger::acknowledged).sum();
    }

    /**
     * @param watchStored whether a download shows an unfinished upload's stored bytes, so they can be watched
     *                    all along; the S3 store cannot read parts back before the upload is complete
     */
    private void run(String name, Launcher launcher, int kills, boolean watchStored) throws Exception {
        long seed = Long.getLong("carryon.reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        Report report = new Report(name).put("seed", seed);
        AckLedger ledger = new AckLedger();
        Map<URI, Boolean> uploads = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();
        long started = System.nanoTime();
        server = launcher.start(0);
        int port = server.port();

        List<Path> files = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            files.add(Probe.randomFile(tmp, "file-" + i, FILE_SIZE + random.nextInt(1 << 20), seed + i));
        }
        Watcher watcher = new Watcher(ledger, uploads);
        int killsMidUpload = 0;
        try (CarryonClient client = CarryonClient.builder().retryPolicy(PATIENT).stallTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2)).checkpointStore(CheckpointStore.inMemory()).build()) {
            List<CompletableFuture<CompletedUpload>> done = new ArrayList<>();
            for (Path file : files) {
                done.add(client.upload(UploadRequest.builder(file, server.filesUri()).chunkSize(512 << 10)
                        .rateLimit(RATE).listener(new Recorder(ledger, uploads, retries)).build()).completionFuture());
            }
            if (watchStored) {
                watcher.start();
            }
            for (int kill = 0; kill < kills; kill++) {
                awaitProgress(ledger, uploads, 256 << 10, Duration.ofSeconds(30));
                Thread.sleep(random.nextInt(1000));
                if (uploads.containsValue(Boolean.FALSE)) {
                    killsMidUpload++;
                }
                server.kill();
                server = launcher.start(port);
                watcher.checkAll("right after restart " + (kill + 1), true);
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            watcher.stop();
            int verified = 0;
            for (int i = 0; i < UPLOADS; i++) {
                CompletedUpload upload = done.get(i).join();
                assertEquals(Probe.sha256(files.get(i)), Probe.sha256Of(upload.uploadUrl()),
                        "seed " + seed + ": upload " + i + " holds the file's bytes");
                verified++;
            }
            report.put("uploads", verified + "/" + UPLOADS).put("kills", kills).put("killsMidUpload", killsMidUpload)
                    .put("offsetChecks", ledger.checks()).put("lostAcks", ledger.violations().size())
                    .put("clientRetries", retries.get())
                    .put("elapsed", Report.millis(System.nanoTime() - started));
        } finally {
            watcher.stop();
            report.put("violations", ledger.violations().size()).print();
        }
        assertEquals(List.of(), ledger.violations(), "seed " + seed + ": acknowledged offsets were lost");
        assertEquals(kills, killsMidUpload, "seed " + seed + ": kills that hit uploads in progress");
    }

    /** Records what one upload's requests were answered: its URL and each offset the server confirmed. */
    private static final class Recorder implements TransferListener {
        private final AckLedger ledger;
        private final Map<URI, Boolean> uploads;
        private final AtomicInteger retries;
        private volatile URI url;

        Recorder(AckLedger ledger, Map<URI, Boolean> uploads, AtomicInteger retries) {
            this.ledger = ledger;
            this.uploads = uploads;
            this.retries = retries;
        }

        @Override
        public void transferInitiated(URI uploadUrl) {
            url = uploadUrl;
            uploads.putIfAbsent(uploadUrl, Boolean.FALSE);
        }

        @Override
        public void bytesConfirmed(ProgressSnapshot progress) {
            if (url != null) {
                ledger.acknowledge(url, progress.bytesConfirmed());
            }
        }

        @Override
        public void retrying(int attempt, Duration delay, Throwable cause) {
            retries.incrementAndGet();
        }

        @Override
        public void transferComplete(ProgressSnapshot progress) {
            if (url != null) {
                uploads.put(url, Boolean.TRUE);
            }
        }
    }

    /** Asks for every upload's stored length every 100 ms, and for its offset on demand, checking each answer. */
    private static final class Watcher {
        private final AckLedger ledger;
        private final Map<URI, Boolean> uploads;
        private volatile boolean running = true;
        private Thread thread;

        Watcher(AckLedger ledger, Map<URI, Boolean> uploads) {
            this.ledger = ledger;
            this.uploads = uploads;
        }

        void start() {
            thread = Thread.ofVirtual().start(() -> {
                while (running) {
                    try {
                        checkAll("while uploading", false);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        /**
         * Compares every upload's offset with what was acknowledged before asking: by tus HEAD, which a client
         * about to resume sends (and which ends a PATCH in progress), or by the stored length a download
         * HEAD reports, which disturbs nothing.
         */
        void checkAll(String when, boolean tus) throws InterruptedException {
            for (URI upload : uploads.keySet()) {
                long ackedBefore = ledger.acknowledged(upload);
                OptionalLong offset = tus ? Probe.offset(upload, Duration.ofSeconds(2))
                        : Probe.storedLength(upload, Duration.ofSeconds(2));
                if (offset.isPresent()) {
                    ledger.reported(upload, offset.getAsLong(), ackedBefore, when);
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(5000);
            }
        }
    }
}
