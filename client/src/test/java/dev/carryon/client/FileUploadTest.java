package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File uploads against the real server: single stream, parallel parts, checksums, metadata, empty files. */
class FileUploadTest {
    @TempDir
    Path tmp;
    private TestServer server;
    private CarryonClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        client = CarryonClient.builder().checkpointStore(new FileCheckpointStore(tmp.resolve("checkpoints"))).build();
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        server.close();
    }

    @Test
    void uploadsAFileInChunksAsOneUpload() throws Exception {
        Path file = TestFiles.random(tmp, "video.mp4", 5 * 1024 * 1024 + 17, 1);
        List<String> events = new CopyOnWriteArrayList<>();
        FileUpload upload = client.upload(UploadRequest.builder(file, server.filesUri()).chunkSize(1 << 20)
                .listener(new TransferListener() {
                    @Override
                    public void transferInitiated(URI uploadUrl) {
                        events.add("initiated");
                    }

                    @Override
                    public void transferComplete(ProgressSnapshot progress) {
                        events.add("complete " + progress.bytesConfirmed());
                    }
                }).build());
        CompletedUpload done = upload.completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(upload.uploadUrl().get(), done.uploadUrl());
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
        assertEquals(file.toFile().length(), done.bytesSent(), "every byte sent once");
        assertEquals(List.of("initiated", "complete " + file.toFile().length()), events);
        UploadStatus status = client.status(done.uploadUrl());
        assertTrue(status.isComplete());
        assertEquals("video.mp4", status.metadata().get("filename"));
    }

    @Test
    void uploadsInParallelPartsThatTheServerJoins() throws Exception {
        Path file = TestFiles.random(tmp, "big.bin", 20 * 1024 * 1024 + 3, 2);
        FileUpload upload = client.upload(UploadRequest.builder(file, server.filesUri()).parallelism(4)
                .chunkSize(2 << 20).metadata("title", "演讲 talk").build());
        CompletedUpload done = upload.completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
        UploadStatus status = client.status(done.uploadUrl());
        assertTrue(status.concat().startsWith("final;"), status.concat());
        assertEquals(4, status.concat().substring(6).split(" ").length);
        assertEquals("演讲 talk", status.metadata().get("title"));
    }

    @Test
    void sendsAChecksumWithEveryChunk() throws Exception {
        Path file = TestFiles.random(tmp, "sum.bin", 3 * 1024 * 1024 + 5, 3);
        CompletedUpload done = client.upload(UploadRequest.builder(file, server.filesUri()).chunkSize(1 << 20)
                .checksum(ChecksumAlgorithm.SHA256).build()).completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
    }

    @Test
    void uploadsAnEmptyFile() throws Exception {
        Path file = TestFiles.random(tmp, "empty.bin", 0, 4);
        CompletedUpload done = client.upload(UploadRequest.builder(file, server.filesUri()).parallelism(3).build())
                .completionFuture().get(30, TimeUnit.SECONDS);
        assertTrue(client.status(done.uploadUrl()).isComplete());
        assertEquals(0, done.length());
    }

    @Test
    void keepsToTheRateLimit() throws Exception {
        Path file = TestFiles.random(tmp, "slow.bin", 1024 * 1024, 5);
        long start = System.nanoTime();
        client.upload(UploadRequest.builder(file, server.filesUri()).rateLimit(2 * 1024 * 1024).build())
                .completionFuture().get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.toMillis() >= 400, "1 MiB at 2 MiB/s took " + took.toMillis() + " ms");
    }
}
