package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pausing and resuming file uploads: resume tokens (as JSON and as Java objects), checkpoints that a later
 * client finds by the file, and starting over when the file changed or the server lost the upload.
 */
class UploadResumeTest {
    private static final int SIZE = 12 << 20;
    private static final int CHUNK = 1 << 20;

    @TempDir
    Path tmp;
    private TestServer server;
    private FileCheckpointStore checkpoints;
    private CarryonClient client;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        checkpoints = new FileCheckpointStore(tmp.resolve("checkpoints"));
        client = CarryonClient.builder().checkpointStore(checkpoints).build();
        file = TestFiles.random(tmp, "talk.mp4", SIZE, 42);
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        server.close();
    }

    @Test
    void pauseReturnsATokenThatResumesFromTheServersOffset() throws Exception {
        for (int parallelism : new int[] {1, 3}) {
            FileUpload upload = client.upload(request(parallelism).build());
            ResumableFileUpload token = pauseAtFortyPercent(upload);
            assertThrows(CancellationException.class, () -> upload.completionFuture().join());
            ResumableFileUpload copy = ResumableFileUpload.fromJson(token.toJson());
            assertEquals(token, copy);
            assertEquals(token, javaRoundTrip(token));

            FileUpload resumed = client.resumeUpload(copy);
            CompletedUpload done = resumed.completionFuture().get(30, TimeUnit.SECONDS);
            assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
            assertTrue(done.bytesAtStart() >= SIZE * 4L / 10 - CHUNK, "resumed from " + done.bytesAtStart());
            assertTrue(done.bytesSent() <= SIZE - done.bytesAtStart() + (long) parallelism * CHUNK,
                    "sent " + done.bytesSent() + " after resuming from " + done.bytesAtStart());
            if (token.uploadUrl() != null) {
                assertEquals(token.uploadUrl(), done.uploadUrl(), "the same upload was continued");
            }
        }
    }

    @Test
    void aLaterClientContinuesFromTheCheckpointOfTheSameFile() throws Exception {
        FileUpload first = client.upload(request(1).build());
        URI url = first.uploadUrl().get(10, TimeUnit.SECONDS);
        pauseAtFortyPercent(first);
        try (CarryonClient later = CarryonClient.builder().checkpointStore(new FileCheckpointStore(checkpoints.directory()))
                .build()) {
            CompletedUpload done = later.upload(request(1).build()).completionFuture().get(30, TimeUnit.SECONDS);
            assertEquals(url, done.uploadUrl());
            assertTrue(done.bytesAtStart() > 0);
            assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(url));
        }
        assertTrue(isEmpty(checkpoints.directory()), "a completed upload leaves no checkpoint");
    }

    @Test
    void aChangedFileStartsOverAndTheStaleUploadIsDeleted() throws Exception {
        FileUpload first = client.upload(request(1).build());
        URI stale = first.uploadUrl().get(10, TimeUnit.SECONDS);
        pauseAtFortyPercent(first);
        try (RandomAccessFile rewrite = new RandomAccessFile(file.toFile(), "rw")) {
            rewrite.seek(SIZE / 2);
            rewrite.write(new byte[] {1, 2, 3}); // same size; only the content and the time change
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        CompletedUpload done = client.upload(request(1).build()).completionFuture().get(30, TimeUnit.SECONDS);
        assertNotEquals(stale, done.uploadUrl());
        assertEquals(0, done.bytesAtStart());
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
        HttpStatusException gone = assertThrows(HttpStatusException.class, () -> client.status(stale));
        assertEquals(404, gone.status());
    }

    @Test
    void anUploadTheServerNoLongerHasStartsOver() throws Exception {
        FileUpload first = client.upload(request(1).build());
        URI lost = first.uploadUrl().get(10, TimeUnit.SECONDS);
        ResumableFileUpload token = pauseAtFortyPercent(first);
        client.delete(lost);
        CompletedUpload done = client.resumeUpload(token).completionFuture().get(30, TimeUnit.SECONDS);
        assertNotEquals(lost, done.uploadUrl());
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
    }

    @Test
    void withoutResumeANewUploadIsCreated() throws Exception {
        FileUpload first = client.upload(request(1).build());
        URI url = first.uploadUrl().get(10, TimeUnit.SECONDS);
        pauseAtFortyPercent(first);
        CompletedUpload done = client.upload(request(1).resume(false).build()).completionFuture().get(30, TimeUnit.SECONDS);
        assertNotEquals(url, done.uploadUrl());
        assertEquals(0, done.bytesAtStart());
    }

    @Test
    void cancellingTheFuturePausesTheUpload() throws Exception {
        FileUpload upload = client.upload(request(1).build());
        upload.uploadUrl().get(10, TimeUnit.SECONDS);
        upload.completionFuture().cancel(true);
        ResumableFileUpload token = upload.pause();
        long stopped = client.status(token.uploadUrl()).offset();
        Thread.sleep(300);
        assertEquals(stopped, client.status(token.uploadUrl()).offset(), "nothing more arrives after the cancel");
        assertTrue(stopped < SIZE);
        CompletedUpload done = client.resumeUpload(token).completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(done.uploadUrl()));
    }

    private UploadRequest.Builder request(int parallelism) {
        // Slow enough to pause midway: 12 MiB at 24 MiB/s.
        return UploadRequest.builder(file, server.filesUri()).chunkSize(CHUNK).parallelism(parallelism)
                .rateLimit(24 << 20);
    }

    private static ResumableFileUpload pauseAtFortyPercent(FileUpload upload) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (upload.progress().snapshot().bytesConfirmed() < SIZE * 4L / 10) {
                Thread.onSpinWait();
            }
            reached.countDown();
        });
        assertTrue(reached.await(20, TimeUnit.SECONDS), "the upload reached 40%");
        watcher.join();
        return upload.pause();
    }

    private static ResumableFileUpload javaRoundTrip(ResumableFileUpload token) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(token);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ResumableFileUpload) in.readObject();
        }
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
