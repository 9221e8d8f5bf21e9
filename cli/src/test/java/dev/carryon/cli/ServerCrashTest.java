package dev.carryon.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server process is SIGKILLed while an upload is under way, then started again on the same data
 * directory: the offset HEAD reports is never below an offset the server acknowledged, and after resuming
 * from it the stored bytes are the file's.
 */
class ServerCrashTest {
    private static final int CHUNK = 256 * 1024;
    /** Kills per test: each restart costs a JVM start, about a second. */
    private static final int ROUNDS = 2;

    @TempDir
    Path tmp;
    private ServerProcess server;

    @AfterEach
    void killServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedWhileAPatchBodyStreamsIn() throws Exception {
        byte[] content = random(8 * 1024 * 1024 + 777, 1);
        server = ServerProcess.start(tmp.resolve("data"), 0);
        URI upload = TusCalls.create(server.filesUri(), content.length);
        long acked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            acked = TusCalls.append(upload, content, acked, CHUNK);
            acked = TusCalls.append(upload, content, acked, CHUNK);
            long before = acked;
            KillingBody body = new KillingBody(content, acked, 4 * CHUNK, CHUNK + 1000 * round, server::kill);
            assertPatchFails(upload, acked, HttpRequest.BodyPublishers.ofInputStream(() -> body));

            server = ServerProcess.start(tmp.resolve("data"), server.port());
            acked = TusCalls.offset(upload);
            assertTrue(acked >= before, "round " + round + ": offset " + acked + " is below the acknowledged " + before);
            assertTrue(acked <= before + body.sent(), "round " + round + ": more stored than sent");
        }
        finishAndVerify(upload, content, acked);
    }

    @Test
    void killedAtRandomMomentsOfAnUpload() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] content = random(8 * 1024 * 1024 + 555, seed);
        server = ServerProcess.start(tmp.resolve("data"), 0);
        URI upload = TusCalls.create(server.filesUri(), content.length);
        AtomicLong acked = new AtomicLong();
        for (int round = 0; round < ROUNDS + 1; round++) {
            long killAt = acked.get() + CHUNK * (1 + random.nextInt(4));
            int delayMicros = random.nextInt(5_000);
            ServerProcess victim = server;
            Thread killer = Thread.ofPlatform().start(() -> killWhen(victim, acked, killAt, delayMicros));
            try {
                while (acked.get() < content.length) {
                    int length = (int) Math.min(CHUNK, content.length - acked.get());
                    acked.set(TusCalls.append(upload, content, acked.get(), length));
                }
            } catch (IOException killed) {
                // expected: the server went away under the request
            }
            killer.join();
            long before = acked.get();

            server = ServerProcess.start(tmp.resolve("data"), server.port());
            acked.set(TusCalls.offset(upload));
            assertTrue(acked.get() >= before, "seed " + seed + ", round " + round + ": offset " + acked
                    + " is below the acknowledged " + before);
        }
        finishAndVerify(upload, content, acked.get());
    }

    @Test
    void killedDuringAChecksummedChunkDiscardsThatChunk() throws Exception {
        byte[] content = random(4 * 1024 * 1024 + 333, 3);
        server = ServerProcess.start(tmp.resolve("data"), 0);
        URI upload = TusCalls.create(server.filesUri(), content.length);
        long acked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            acked = TusCalls.append(upload, content, acked, CHUNK);
            int length = 4 * CHUNK;
            KillingBody body = new KillingBody(content, acked, length, 2 * CHUNK + 1000 * round, server::kill);
            assertPatchFails(upload, acked, HttpRequest.BodyPublishers.ofInputStream(() -> body),
                    "Upload-Checksum", "sha1 " + sha1(content, (int) acked, length));

            server = ServerProcess.start(tmp.resolve("data"), server.port());
            assertEquals(acked, TusCalls.offset(upload), "round " + round + ": the unverified chunk must not count");
        }
        finishAndVerify(upload, content, acked);
    }

    private void assertPatchFails(URI upload, long offset, HttpRequest.BodyPublisher body, String... headers)
            throws InterruptedException {
        try {
            HttpResponse<String> response = TusCalls.patch(upload, offset, body, headers);
            throw new AssertionError("the PATCH got " + response.statusCode() + " from a killed server");
        } catch (IOException expected) {
            // The client may see the connection drop before the killed process has been reaped.
            assertTrue(server.awaitExit(Duration.ofSeconds(5)), () -> "the server is alive after " + expected
                    + "\n" + server.output());
        }
    }

    private void finishAndVerify(URI upload, byte[] content, long offset) throws Exception {
        while (offset < content.length) {
            offset = TusCalls.append(upload, content, offset, (int) Math.min(4L * CHUNK, content.length - offset));
        }
        assertEquals(content.length, TusCalls.offset(upload));
        byte[] stored = TusCalls.download(upload);
        assertEquals(TusCalls.sha256(content), TusCalls.sha256(stored), "the stored bytes are the file's");
        assertArrayEquals(content, stored);
    }

    private static void killWhen(ServerProcess victim, AtomicLong acked, long killAt, int delayMicros) {
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (acked.get() < killAt && victim.isAlive() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            Thread.sleep(delayMicros / 1000, (delayMicros % 1000) * 1000);
            victim.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha1(byte[] content, int offset, int length) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(content, offset, length);
        return Base64.getEncoder().encodeToString(sha1.digest());
    }
}
