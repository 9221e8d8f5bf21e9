package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams over a bad network, and streams resumed from checkpoints with the bytes the application kept
 * (the seed's {@code resumeCheckpoint(checkpoint, partDataProvider)}).
 */
class StreamResumeTest {
    private static final int CHUNK = 1 << 20;
    private static final RetryPolicy FAST = RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(20))
            .withMaxDelay(Duration.ofMillis(200));

    private TestServer server;
    private FaultProxy proxy;
    private CarryonClient client;
    private CarryonClient impatient;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        proxy = FaultProxy.start(server.port());
        client = CarryonClient.builder().retryPolicy(FAST.withDeadline(Duration.ofSeconds(30)))
                .stallTimeout(Duration.ofSeconds(1)).checkpointStore(CheckpointStore.inMemory()).build();
        impatient = CarryonClient.builder().retryPolicy(FAST.withDeadline(Duration.ofMillis(500)))
                .checkpointStore(CheckpointStore.inMemory()).build();
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        Clients.closeChecked(impatient);
        proxy.close();
        server.close();
    }

    @Test
    void survivesCutConnectionsResendingAtMostOneChunkPerFault() throws Exception {
        proxy.cutEvery((2 << 20) + 777);
        StreamUpload stream = client.stream(request().build());
        recorder.record(stream, 12 << 20);
        stream.end();
        CompletedStream done = stream.completionFuture().get(60, TimeUnit.SECONDS);
        assertEquals(recorder.sha256(), TestFiles.sha256Of(proxy.direct(done.uploadUrl())));
        long resent = stream.progress().snapshot().bytesSent() - done.length();
        assertTrue(proxy.faults() >= 4, "faults: " + proxy.faults());
        assertTrue(resent <= (long) proxy.faults() * CHUNK, "re-sent " + resent + " bytes for " + proxy.faults() + " faults");
    }

    @Test
    void failedChunksComeBackToTheApplicationWhichResumesWithThem() throws Exception {
        StreamUpload stream = impatient.stream(request().listener(recorder).build());
        recorder.record(stream, 3 << 20);
        awaitConfirmed(stream, 3 << 20);
        proxy.down();
        recorder.record(stream, (2 << 20) + 5); // buffered; the server cannot be reached
        assertInstanceOf(RetriesExhaustedException.class, failure(stream));
        assertThrows(IllegalStateException.class, () -> stream.push(new byte[1]));
        assertTrue(recorder.failedChunks.get() >= 2, "chunkFailed events: " + recorder.failedChunks);
        StreamCheckpoint checkpoint = StreamCheckpoint.fromJson(stream.checkpoint(Map.of("title", "demo")).toJson());
        assertEquals(3 << 20, checkpoint.offset());

        proxy.up();
        StreamUpload resumed = client.resumeStream(checkpoint, recorder::bytesFrom, request().build());
        recorder.record(resumed, 4 << 20); // the recording goes on
        resumed.end(Duration.ofSeconds(90));
        CompletedStream done = resumed.completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(checkpoint.uploadUrl(), done.uploadUrl());
        assertEquals(recorder.length(), done.length());
        assertEquals(Duration.ofSeconds(90), done.duration());
        assertEquals(recorder.sha256(), TestFiles.sha256Of(proxy.direct(done.uploadUrl())));
    }

    @Test
    void anEndedStreamWhoseCompletionFailedCompletesFromItsCheckpoint() throws Exception {
        AtomicInteger completeFailed = new AtomicInteger();
        StreamUpload stream = impatient.stream(request().linger(Duration.ofSeconds(30)).listener(new Recorder.Forwarding(recorder) {
            @Override
            public void completeFailed(Throwable cause) {
                completeFailed.incrementAndGet();
            }
        }).build());
        stream.uploadUrl().get(10, TimeUnit.SECONDS);
        recorder.record(stream, 300_000); // less than a chunk: it waits for the end
        proxy.down();
        stream.end(Duration.ofSeconds(12));
        failure(stream);
        assertEquals(1, completeFailed.get());
        StreamCheckpoint checkpoint = stream.checkpoint();
        assertTrue(checkpoint.ended());

        proxy.up();
        CompletedStream done = client.resumeStream(checkpoint, recorder::bytesFrom, request().build())
                .completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(300_000, done.length());
        assertEquals(Duration.ofSeconds(12), done.duration());
        assertEquals(recorder.sha256(), TestFiles.sha256Of(proxy.direct(done.uploadUrl())));
    }

    @Test
    void aCheckpointWithoutAnUploadCreatesOneAndAsksForTheBytesFromTheStart() throws Exception {
        proxy.down();
        StreamUpload stream = impatient.stream(request().listener(recorder).build());
        recorder.record(stream, 100_000);
        failure(stream);
        StreamCheckpoint checkpoint = stream.checkpoint();
        assertNull(checkpoint.uploadUrl());

        proxy.up();
        AtomicLong askedFrom = new AtomicLong(-1);
        StreamUpload resumed = client.resumeStream(checkpoint, (url, offset) -> {
            askedFrom.set(offset);
            return new ByteArrayInputStream(recorder.bytes.toByteArray());
        }, request().build());
        resumed.end();
        CompletedStream done = resumed.completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(0, askedFrom.get());
        assertNotEquals(null, done.uploadUrl());
        assertEquals(recorder.sha256(), TestFiles.sha256Of(proxy.direct(done.uploadUrl())));
    }

    private StreamRequest.Builder request() {
        return StreamRequest.builder(proxy.via(server.filesUri())).chunkSize(CHUNK).linger(Duration.ofMillis(50));
    }

    private static Throwable failure(StreamUpload stream) throws Exception {
        return assertThrows(ExecutionException.class, () -> stream.completionFuture().get(20, TimeUnit.SECONDS)).getCause();
    }

    private static void awaitConfirmed(StreamUpload stream, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stream.checkpoint().offset() < bytes) {
            assertTrue(System.nanoTime() < deadline, "the server confirmed " + stream.checkpoint().offset());
            Thread.sleep(10);
        }
    }

    /** The application: records bytes, keeps what the stream gives back, and supplies it when resuming. */
    static class Recorder implements StreamListener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ConcurrentSkipListMap<Long, byte[]> kept = new ConcurrentSkipListMap<>();
        final AtomicInteger failedChunks = new AtomicInteger();
        private final Random random = new Random(7);

        /** Produces {@code size} bytes and pushes them; keeps those the stream no longer takes. */
        void record(StreamUpload stream, int size) throws InterruptedException {
            byte[] piece = new byte[size];
            random.nextBytes(piece);
            long at = stream.position();
            bytes.writeBytes(piece);
            try {
                stream.push(piece);
            } catch (IllegalStateException failed) {
                kept.put(at, piece);
            }
        }

        @Override
        public void chunkFailed(StreamChunk chunk, byte[] unsent, Throwable cause) {
            failedChunks.incrementAndGet();
            kept.put(chunk.offset() + chunk.length() - unsent.length, unsent);
        }

        InputStream bytesFrom(URI url, long offset) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            kept.tailMap(offset, true).values().forEach(out::writeBytes);
            return new ByteArrayInputStream(out.toByteArray());
        }

        long length() {
            return bytes.size();
        }

        String sha256() {
            return TestFiles.sha256(bytes.toByteArray());
        }

        /** A listener that passes the recorder's events on. */
        static class Forwarding implements StreamListener {
            private final Recorder recorder;

            Forwarding(Recorder recorder) {
                this.recorder = recorder;
            }

            @Override
            public void chunkFailed(StreamChunk chunk, byte[] unsent, Throwable cause) {
                recorder.chunkFailed(chunk, unsent, cause);
            }
        }
    }
}
