package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads through a {@link FaultProxy} that cuts connections, stalls them and refuses them while the server is
 * "down": every upload completes with the file's exact bytes, and each fault costs at most one chunk sent again.
 */
class UploadFaultTest {
    private static final int CHUNK = 2 << 20;
    private static final RetryPolicy FAST = RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(20))
            .withMaxDelay(Duration.ofMillis(300)).withDeadline(Duration.ofSeconds(30));

    @TempDir
    Path tmp;
    private TestServer server;
    private FaultProxy proxy;
    private CarryonClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        proxy = FaultProxy.start(server.port());
        client = CarryonClient.builder().retryPolicy(FAST).stallTimeout(Duration.ofSeconds(1))
                .checkpointStore(CheckpointStore.inMemory()).build();
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        proxy.close();
        server.close();
    }

    @Test
    void survivesAConnectionCutEveryFewMegabytes() throws Exception {
        proxy.cutEvery(3 << 20);
        assertUploadSurvives(UploadRequest.builder(file(24 << 20), proxy.via(server.filesUri())).chunkSize(CHUNK), 4);
    }

    @Test
    void survivesCutsWithChecksummedChunksThatTheServerDiscardsWhole() throws Exception {
        proxy.cutEvery((5 << 20) + 12345);
        assertUploadSurvives(UploadRequest.builder(file(20 << 20), proxy.via(server.filesUri())).chunkSize(CHUNK)
                .checksum(ChecksumAlgorithm.SHA1), 3);
    }

    @Test
    void survivesCutsInEveryPartOfAParallelUpload() throws Exception {
        proxy.cutEvery(4 << 20);
        assertUploadSurvives(UploadRequest.builder(file(32 << 20), proxy.via(server.filesUri())).chunkSize(CHUNK)
                .parallelism(4), 4);
    }

    @Test
    void abandonsAStalledConnectionAfterTheStallTimeout() throws Exception {
        proxy.stallEvery(7 << 20, Duration.ofSeconds(3));
        assertUploadSurvives(UploadRequest.builder(file(16 << 20), proxy.via(server.filesUri())).chunkSize(CHUNK), 2);
    }

    @Test
    void waitsForAServerThatIsDownAndContinues() throws Exception {
        AtomicBoolean wentDown = new AtomicBoolean();
        UploadRequest.Builder request = UploadRequest.builder(file(16 << 20), proxy.via(server.filesUri())).chunkSize(CHUNK)
                .listener(new TransferListener() {
                    @Override
                    public void bytesConfirmed(ProgressSnapshot progress) {
                        if (progress.bytesConfirmed() >= (6 << 20) && wentDown.compareAndSet(false, true)) {
                            outage(Duration.ofMillis(1500));
                        }
                    }
                });
        assertUploadSurvives(request, 1);
        assertTrue(wentDown.get());
    }

    @Test
    void givesUpAtTheDeadlineWithTheLastFailureAsCause() throws Exception {
        Path file = file(1 << 20);
        proxy.down();
        try (CarryonClient impatient = CarryonClient.builder().checkpointStore(CheckpointStore.inMemory())
                .retryPolicy(FAST.withDeadline(Duration.ofMillis(800))).build()) {
            long start = System.nanoTime();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> impatient.upload(
                    UploadRequest.builder(file, proxy.via(server.filesUri())).build()).completionFuture().get(10, TimeUnit.SECONDS));
            long millis = (System.nanoTime() - start) / 1_000_000;
            RetriesExhaustedException exhausted = assertInstanceOf(RetriesExhaustedException.class, failed.getCause());
            assertTrue(exhausted.attempts() > 1, exhausted.getMessage());
            assertInstanceOf(java.net.ConnectException.class, exhausted.getCause());
            assertTrue(millis >= 700 && millis < 5000, "gave up after " + millis + " ms");
            assertTrue(exhausted.getMessage().startsWith("gave up after "), exhausted.getMessage());
        }
    }

    private void assertUploadSurvives(UploadRequest.Builder request, int minFaults) throws Exception {
        UploadRequest built = request.build();
        CompletedUpload done = client.upload(built).completionFuture().get(60, TimeUnit.SECONDS);
        long size = built.file().toFile().length();
        assertEquals(TestFiles.sha256(built.file()), TestFiles.sha256Of(proxy.direct(done.uploadUrl())), "the stored bytes are the file's");
        int faults = proxy.faults();
        assertTrue(faults >= minFaults, "faults injected: " + faults);
        long resent = done.bytesSent() - size;
        assertTrue(resent <= (long) faults * built.chunkSize(),
                "re-sent " + resent + " bytes for " + faults + " faults with chunks of " + built.chunkSize());
    }

    private void outage(Duration length) {
        Thread.ofVirtual().start(() -> {
            try {
                proxy.down();
                Thread.sleep(length);
                proxy.up();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private Path file(int size) throws Exception {
        return TestFiles.random(tmp, "file-" + size + ".bin", size, size);
    }
}
