package dev.carryon.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carryon.cli.ServerProcess;
import dev.carryon.client.CarryonClient;
import dev.carryon.client.CheckpointStore;
import dev.carryon.client.CompletedUpload;
import dev.carryon.client.FaultPlan.Fault;
import dev.carryon.client.FaultProxy;
import dev.carryon.client.ProgressSnapshot;
import dev.carryon.client.RetryPolicy;
import dev.carryon.client.TransferListener;
import dev.carryon.client.UploadRequest;
import dev.carryon.server.interop.NodeScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Network-fault suite: the real server behind a {@link FaultProxy} that resets, truncates and stalls
 * connections at seeded random moments, with added latency and a bandwidth limit. The Carryon SDK and
 * tus-js-client must finish every upload with the file's exact bytes, sending at most one chunk again per
 * fault (measured as the bytes that reached the server against the file sizes), and a client whose
 * connection went dead must get through again within seconds: the server must not keep the upload locked
 * for the dead request.
 */
class NetworkFaultSuiteTest {
    private static final int CHUNK = 1 << 20;
    /** Request lines and header fields of one request and its answer, generously: the rest is body. */
    private static final long HEADERS_PER_REQUEST = 1024;
    private static final RetryPolicy FAST = RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(20))
            .withMaxDelay(Duration.ofMillis(300)).withDeadline(Duration.ofSeconds(60));

    @TempDir
    Path tmp;
    private ServerProcess server;
    private FaultProxy proxy;
    private long seed;

    @BeforeEach
    void start() throws Exception {
        server = ServerProcess.start(tmp.resolve("data"), 0);
        proxy = FaultProxy.start(server.port());
        seed = Long.getLong("carryon.reliability.seed", System.nanoTime());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        server.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void sdkUploadsSurviveResetsTruncationsAndStalls() throws Exception {
        proxy.randomFaults(seed, 3L << 20, Duration.ofSeconds(3), Fault.RESET, Fault.TRUNCATE, Fault.STALL);
        proxy.delay(Duration.ofMillis(1));
        proxy.throttle(16L << 20);
        List<Path> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 4; i++) {
            files.add(Probe.randomFile(tmp, "sdk-" + i, (8L << 20) + 1000 * i, seed + i));
            total += files.get(i).toFile().length();
        }
        long started = System.nanoTime();
        try (CarryonClient client = CarryonClient.builder().retryPolicy(FAST).stallTimeout(Duration.ofSeconds(1))
                .checkpointStore(CheckpointStore.inMemory()).build()) {
            List<CompletableFuture<CompletedUpload>> done = new ArrayList<>();
            for (Path file : files) {
                done.add(client.upload(UploadRequest.builder(file, proxy.via(server.filesUri())).chunkSize(CHUNK).build())
                        .completionFuture());
            }
            long sent = 0;
            for (int i = 0; i < files.size(); i++) {
                CompletedUpload upload = done.get(i).get(90, TimeUnit.SECONDS);
                assertEquals(Probe.sha256(files.get(i)), Probe.sha256Of(proxy.direct(upload.uploadUrl())),
                        "seed " + seed + ": upload " + i + " holds the file's bytes");
                sent += upload.bytesSent();
            }
            assertResentAtMostOneChunkPerFault("sdk", total, files.size(), started, "sdkBytesSent=" + sent);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void tusJsClientSurvivesResetsTruncationsAndStalls() throws Exception {
        NodeScripts node = NodeScripts.require(tmp);
        proxy.randomFaults(seed, 2L << 20, Duration.ofSeconds(2), Fault.RESET, Fault.TRUNCATE, Fault.STALL);
        proxy.delay(Duration.ofMillis(1));
        Path file = Probe.randomFile(tmp, "js", (12L << 20) + 777, seed);
        long started = System.nanoTime();
        JsonNode result = node.run("faults.cjs", file.toString(), proxy.via(server.filesUri()).toString(),
                Integer.toString(CHUNK));
        URI upload = proxy.direct(URI.create(result.get("url").asText()));
        assertEquals(Probe.sha256(file), Probe.sha256Of(upload), "seed " + seed + ": the stored bytes are the file's");
        assertResentAtMostOneChunkPerFault("tus-js-client", file.toFile().length(), 1, started,
                "clientErrors=" + result.get("errors").asInt());
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aClientWhoseConnectionWentDeadGetsThroughWithinSeconds() throws Exception {
        // Every few megabytes a connection goes dead for a minute (a blackholed path): the server's request
        // for it would hold the upload until the idle timeout unless the client's new request ends it.
        proxy.stallEvery(5L << 20, Duration.ofSeconds(60));
        Path file = Probe.randomFile(tmp, "stalled", 16L << 20, seed);
        AtomicLong lastConfirmed = new AtomicLong(System.nanoTime());
        AtomicLong longestGap = new AtomicLong();
        TransferListener gaps = new TransferListener() {
            @Override
            public void bytesConfirmed(ProgressSnapshot progress) {
                long now = System.nanoTime();
                longestGap.accumulateAndGet(now - lastConfirmed.getAndSet(now), Math::max);
            }
        };
        long started = System.nanoTime();
        try (CarryonClient client = CarryonClient.builder().retryPolicy(FAST).stallTimeout(Duration.ofSeconds(1))
                .checkpointStore(CheckpointStore.inMemory()).build()) {
            CompletedUpload upload = client.upload(UploadRequest.builder(file, proxy.via(server.filesUri()))
                    .chunkSize(CHUNK).listener(gaps).build()).completionFuture().get(45, TimeUnit.SECONDS);
            assertEquals(Probe.sha256(file), Probe.sha256Of(proxy.direct(upload.uploadUrl())));
        }
        int stalls = proxy.faultsByKind().getOrDefault(Fault.STALL, 0);
        new Report("network(dead connection)").put("seed", seed).put("uploads", "1/1").put("deadConnections", stalls)
                .put("longestWaitForProgress", Report.millis(longestGap.get()))
                .put("elapsed", Report.millis(System.nanoTime() - started)).print();
        assertTrue(stalls >= 2, "connections stalled: " + stalls);
        assertTrue(longestGap.get() < 5_000_000_000L, "the client waited " + Report.millis(longestGap.get())
                + " for progress after a connection went dead");
    }

    private void assertResentAtMostOneChunkPerFault(String client, long size, int uploads, long started, String extra) {
        int faults = proxy.faults();
        long received = proxy.forwardedToServer();
        long headers = HEADERS_PER_REQUEST * (size / CHUNK + uploads * 3L + 3L * faults);
        long resent = Math.max(0, received - size - headers);
        new Report("network(" + client + ")").put("seed", seed).put("uploads", uploads + "/" + uploads)
                .put("faults", faults).put("byKind", proxy.faultsByKind()).put("connections", proxy.connections())
                .put("fileBytes", size).put("bytesToServer", received).put("resentBeyondHeaders", resent)
                .put("resentPerFault", faults == 0 ? 0 : resent / faults).put(extra.split("=")[0], extra.split("=")[1])
                .put("elapsed", Report.millis(System.nanoTime() - started)).print();
        assertTrue(faults >= 3, "seed " + seed + ": faults injected: " + faults);
        assertTrue(resent <= (long) faults * CHUNK, "seed " + seed + ": re-sent " + resent + " bytes for " + faults
                + " faults with chunks of " + CHUNK);
    }
}
