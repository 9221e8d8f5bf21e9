package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream uploads of unknown length: the seed's verbs (push, end, abort) and events, memory bounds and lingering. */
class StreamUploadTest {
    private TestServer server;
    private CarryonClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        client = CarryonClient.builder().checkpointStore(CheckpointStore.inMemory()).build();
    }

    @AfterEach
    void stop() throws Exception {
        Clients.closeChecked(client);
        server.close();
    }

    @Test
    void pushedBytesBecomeOneUploadWhoseLengthTheLastChunkDeclares() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).chunkSize(1 << 20)
                .metadata("filename", "recording.webm").listener(new StreamListener() {
                    @Override
                    public void ready(URI uploadUrl) {
                        events.add("ready");
                    }

                    @Override
                    public void chunkUploaded(StreamChunk chunk) {
                        events.add("chunk " + chunk.index() + (chunk.last() ? " last" : ""));
                    }

                    @Override
                    public void complete(CompletedStream done) {
                        events.add("complete " + done.length() + " " + done.duration());
                    }
                }).build());
        byte[] all = pushRandom(stream, (5 << 20) + 333, 1);
        assertEquals(all.length, stream.position());
        stream.end(Duration.ofSeconds(34));
        CompletedStream done = stream.completionFuture().get(30, TimeUnit.SECONDS);
        assertEquals(all.length, done.length());
        assertEquals(Duration.ofSeconds(34), done.duration());
        assertEquals(TestFiles.sha256(all), TestFiles.sha256Of(done.uploadUrl()));
        assertEquals("ready", events.getFirst());
        assertEquals(List.of("chunk 5 last", "complete " + all.length + " PT34S"), events.subList(events.size() - 2, events.size()));
        assertEquals("recording.webm", client.status(done.uploadUrl()).metadata().get("filename"));
        StreamCheckpoint checkpoint = stream.checkpoint();
        assertEquals(Duration.ofSeconds(34), checkpoint.duration());
        assertTrue(checkpoint.ended());
    }

    @Test
    void aSlowStreamReachesTheServerAfterTheLingerWithoutWaitingForAFullChunk() throws Exception {
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).linger(Duration.ofMillis(100)).build());
        stream.push(new byte[100_000]);
        URI url = stream.uploadUrl().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.status(url).offset() < 100_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(100_000, client.status(url).offset());
        assertEquals(-1, client.status(url).length(), "the length is still deferred");
        stream.end();
        assertEquals(100_000, stream.completionFuture().get(10, TimeUnit.SECONDS).length());
    }

    @Test
    void pushWaitsWhileTheBufferIsFull() throws Exception {
        int chunk = 256 * 1024;
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).chunkSize(chunk)
                .bufferSize(2L * chunk).rateLimit(4 << 20).build());
        byte[] piece = new byte[64 * 1024];
        long widest = 0;
        for (int i = 0; i < 64; i++) { // 4 MiB at 4 MiB/s: pushing can only be as fast as sending
            stream.push(piece);
            StreamCheckpoint c = stream.checkpoint();
            widest = Math.max(widest, c.position() - c.offset());
        }
        stream.end();
        assertEquals(4 << 20, stream.completionFuture().get(30, TimeUnit.SECONDS).length());
        assertTrue(widest <= 2L * chunk, "unconfirmed bytes held: " + widest);
    }

    @Test
    void endingAnEmptyStreamCompletesAnEmptyUpload() throws Exception {
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).build());
        stream.end();
        CompletedStream done = stream.completionFuture().get(10, TimeUnit.SECONDS);
        assertEquals(0, done.length());
        assertTrue(client.status(done.uploadUrl()).isComplete());
    }

    @Test
    void abortDeletesTheUploadAndRefusesFurtherBytes() throws Exception {
        StreamUpload stream = client.stream(StreamRequest.builder(server.filesUri()).build());
        stream.push(new byte[1000]);
        URI url = stream.uploadUrl().get(10, TimeUnit.SECONDS);
        stream.abort();
        assertThrows(CancellationException.class, () -> stream.completionFuture().get(10, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> stream.push(new byte[1]));
        assertEquals(404, assertThrows(HttpStatusException.class, () -> client.status(url)).status());
    }

    @Test
    void checkpointsAreSmallJsonDocumentsWithTheApplicationsData() {
        StreamCheckpoint c = new StreamCheckpoint(URI.create("http://h/files/"), URI.create("http://h/files/abc"), 10, 20,
                Map.of("filename", "录像.webm"), Map.of("title", "Screen Recording"), Duration.ofMillis(34_500), true);
        assertEquals(c, StreamCheckpoint.fromJson(c.toJson()));
        assertTrue(c.toJson().length() < 400, c.toJson());
        StreamCheckpoint none = new StreamCheckpoint(URI.create("http://h/files/"), null, 0, 0, Map.of(), Map.of(), null, false);
        assertEquals(none, StreamCheckpoint.fromJson(none.toJson()));
    }

    static byte[] pushRandom(StreamUpload stream, int size, long seed) throws InterruptedException {
        Random random = new Random(seed);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int left = size; left > 0; ) {
            byte[] piece = new byte[Math.min(left, 1 + random.nextInt(300_000))];
            random.nextBytes(piece);
            stream.push(piece);
            all.writeBytes(piece);
            left -= piece.length;
        }
        return all.toByteArray();
    }
}
