package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads: ranges in parallel, verification by the server's digest, faults, pause and resume, changed files. */
class DownloadTest {
    private static final int SIZE = (16 << 20) + 99;
    private static final RetryPolicy FAST = RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(20))
            .withMaxDelay(Duration.ofMillis(200)).withDeadline(Duration.ofSeconds(30));

    @TempDir
    Path tmp;
    private TestServer server;
    private FaultProxy proxy;
    private FileCheckpointStore checkpoints;
    private CarryonClient client;
    private Path source;
    private URI url;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        proxy = FaultProxy.start(server.port());
        checkpoints = new FileCheckpointStore(tmp.resolve("checkpoints"));
        client = CarryonClient.builder().retryPolicy(FAST).stallTimeout(Duration.ofSeconds(1)).checkpointStore(checkpoints).build();
        source = TestFiles.random(tmp, "source.bin", SIZE, 11);
        url = client.upload(UploadRequest.builder(source, server.filesUri()).build()).completionFuture()
                .get(30, TimeUnit.SECONDS).uploadUrl();
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        proxy.close();
        server.close();
    }

    @Test
    void downloadsAndVerifiesTheServersDigest() throws Exception {
        for (int parallelism : new int[] {1, 4}) {
            Path target = tmp.resolve("copy-" + parallelism + ".bin");
            CompletedDownload done = client.download(DownloadRequest.builder(url, target).parallelism(parallelism).build())
                    .completionFuture().get(30, TimeUnit.SECONDS);
            assertEquals(TestFiles.sha256(source), TestFiles.sha256(target));
            assertEquals(TestFiles.sha256(source), done.sha256(), "verified against the server's Repr-Digest");
            assertEquals(SIZE, done.length());
            assertNotNull(done.etag());
            assertFalse(Files.exists(tmp.resolve("copy-" + parallelism + ".bin.carryon-part")));
        }
    }

    @Test
    void survivesCutConnectionsInEveryRange() throws Exception {
        proxy.cutEvery(3 << 20);
        Path target = tmp.resolve("copy.bin");
        CompletedDownload done = client.download(DownloadRequest.builder(proxy.via(url), target).parallelism(3).build())
                .completionFuture().get(60, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(target));
        assertTrue(proxy.faults() >= 4, "faults: " + proxy.faults());
        assertTrue(done.bytesReceived() < SIZE + (long) proxy.faults() * (1 << 20), "received " + done.bytesReceived());
    }

    @Test
    void pauseAndResumeContinueWhereTheDownloadStopped() throws Exception {
        Path target = tmp.resolve("copy.bin");
        FileDownload download = client.download(DownloadRequest.builder(url, target).parallelism(2).rateLimit(32 << 20).build());
        awaitDone(download, SIZE * 4L / 10);
        ResumableFileDownload token = ResumableFileDownload.fromJson(download.pause().toJson());
        assertThrows(CancellationException.class, () -> download.completionFuture().join());
        assertTrue(token.bytesDone() >= SIZE * 4L / 10, "done " + token.bytesDone());
        assertFalse(Files.exists(target), "the target appears only when complete");

        CompletedDownload done = client.resumeDownload(token).completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(token.bytesDone(), done.bytesAtStart());
        assertEquals(SIZE - token.bytesDone(), done.bytesReceived());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(target));
    }

    @Test
    void aLaterDownloadToTheSamePathContinuesFromTheCheckpoint() throws Exception {
        Path target = tmp.resolve("copy.bin");
        FileDownload first = client.download(DownloadRequest.builder(url, target).rateLimit(32 << 20).build());
        awaitDone(first, SIZE / 2);
        first.pause();
        CompletedDownload done = client.download(DownloadRequest.builder(url, target).build())
                .completionFuture().get(30, TimeUnit.SECONDS);
        assertTrue(done.bytesAtStart() >= SIZE / 2, "resumed from " + done.bytesAtStart());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(target));
    }

    @Test
    void aFileThatChangedOnTheServerIsFetchedAgainFromTheStart() throws Exception {
        byte[] before = Files.readAllBytes(source);
        byte[] after = before.clone();
        after[SIZE - 1] ^= 1;
        Path target = tmp.resolve("copy.bin");
        AtomicBoolean changed = new AtomicBoolean();
        try (RangeFileServer files = new RangeFileServer(before); FaultProxy cutting = FaultProxy.start(files.uri().getPort())) {
            cutting.cutEvery(2 << 20); // every reconnection asks with If-Range
            CompletedDownload done = client.download(DownloadRequest.builder(cutting.via(files.uri()), target).verify(false)
                    .listener(new TransferListener() {
                        @Override
                        public void bytesConfirmed(ProgressSnapshot progress) {
                            if (progress.bytesConfirmed() > SIZE / 4 && changed.compareAndSet(false, true)) {
                                files.replace(after);
                            }
                        }
                    }).build()).completionFuture().get(60, TimeUnit.SECONDS);
            assertTrue(changed.get());
            assertEquals(1, files.fullResponses(), "the changed file was noticed through If-Range");
            assertTrue(done.bytesReceived() > SIZE, "fetched again from the start: " + done.bytesReceived());
            assertEquals(TestFiles.sha256(after), TestFiles.sha256(target));
        }
    }

    @Test
    void refusesAnUnfinishedUploadAndAnUnknownOne() throws Exception {
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).linger(Duration.ZERO).build());
        URI unfinished = stream.uploadUrl().get(10, TimeUnit.SECONDS);
        ExecutionException empty = assertThrows(ExecutionException.class, () -> client.download(
                DownloadRequest.builder(unfinished, tmp.resolve("x")).build()).completionFuture().get(10, TimeUnit.SECONDS));
        assertTrue(empty.getCause().getMessage().contains("not complete yet"), empty.getCause().getMessage());
        stream.push(new byte[1000]);
        while (client.status(unfinished).offset() < 1000) {
            Thread.sleep(10);
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.download(
                DownloadRequest.builder(unfinished, tmp.resolve("x")).build()).completionFuture().get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("not complete yet"), e.getCause().getMessage());
        stream.abort();
        e = assertThrows(ExecutionException.class, () -> client.download(
                DownloadRequest.builder(unfinished, tmp.resolve("y")).build()).completionFuture().get(10, TimeUnit.SECONDS));
        assertEquals(404, assertInstanceOf(HttpStatusException.class, e.getCause()).status());
    }

    private static void awaitDone(FileDownload download, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (download.progress().snapshot().bytesConfirmed() < bytes) {
            assertTrue(System.nanoTime() < deadline, "the download got to " + download.progress().snapshot().bytesConfirmed());
            Thread.sleep(5);
        }
    }
}
