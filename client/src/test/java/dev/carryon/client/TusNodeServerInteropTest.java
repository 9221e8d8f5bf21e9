package dev.carryon.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK against another tus server, {@code @tus/server} 2 with its file store, which offers neither
 * concatenation nor checksums nor ranges: a parallel upload falls back to one stream, streams use deferred
 * lengths, downloads take the whole file, and uploads survive cut connections. The stored bytes must match.
 */
class TusNodeServerInteropTest {
    @TempDir
    Path tmp;
    private TusNodeServer server;
    private CarryonClient client;

    @BeforeEach
    void start() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        server = TusNodeServer.start(store);
        client = CarryonClient.builder().checkpointStore(CheckpointStore.inMemory()).stallTimeout(Duration.ofSeconds(2))
                .retryPolicy(RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(20)).withDeadline(Duration.ofSeconds(30)))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void uploadsInOneStreamWhenTheServerCannotJoinPartsAndDownloadsTheWholeFile() throws Exception {
        Path file = TestFiles.random(tmp, "video.mp4", (9 << 20) + 7, 1);
        CompletedUpload done = client.upload(UploadRequest.builder(file, server.filesUri()).parallelism(4).chunkSize(2 << 20)
                .build()).completionFuture().get(60, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(server.storedFile(done.uploadUrl())));
        assertEquals("video.mp4", client.status(done.uploadUrl()).metadata().get("filename"));

        Path copy = tmp.resolve("copy.mp4");
        client.download(DownloadRequest.builder(done.uploadUrl(), copy).parallelism(4).build())
                .completionFuture().get(60, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(copy));
    }

    @Test
    void streamsWithADeferredLength() throws Exception {
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).chunkSize(1 << 20).build());
        byte[] all = StreamUploadTest.pushRandom(stream, (5 << 20) + 3, 2);
        stream.end(Duration.ofSeconds(5));
        CompletedStream done = stream.completionFuture().get(60, TimeUnit.SECONDS);
        assertEquals(all.length, done.length());
        assertTrue(client.status(done.uploadUrl()).isComplete());
        assertEquals(TestFiles.sha256(all), TestFiles.sha256(server.storedFile(done.uploadUrl())));
    }

    @Test
    void pausedUploadsResumeAndCutConnectionsAreSurvived() throws Exception {
        Path file = TestFiles.random(tmp, "big.bin", 16 << 20, 3);
        try (FaultProxy proxy = FaultProxy.start(server.filesUri().getPort())) {
            proxy.cutEvery(3 << 20);
            FileUpload upload = client.upload(UploadRequest.builder(file, proxy.via(server.filesUri())).chunkSize(2 << 20)
                    .rateLimit(16 << 20).build());
            URI url = upload.uploadUrl().get(30, TimeUnit.SECONDS);
            while (upload.progress().snapshot().bytesConfirmed() < (6 << 20)) {
                Thread.sleep(10);
            }
            ResumableFileUpload token = upload.pause();
            CompletedUpload done = client.resumeUpload(token).completionFuture().get(60, TimeUnit.SECONDS);
            assertEquals(url, done.uploadUrl());
            assertTrue(done.bytesAtStart() >= 6 << 20, "resumed from " + done.bytesAtStart());
            assertTrue(proxy.faults() >= 2, "faults: " + proxy.faults());
            assertEquals(TestFiles.sha256(file), TestFiles.sha256(server.storedFile(url)));
        }
    }
}
