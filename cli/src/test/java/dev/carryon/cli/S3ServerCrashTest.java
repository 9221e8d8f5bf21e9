package dev.carryon.cli;

import dev.carryon.s3.S3ProxyServer;
import dev.carryon.s3.S3Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server on an S3 store (S3Proxy in this JVM) is SIGKILLed in the middle of an upload that spans parts,
 * and a new process on the same bucket continues it from the offset it reports, which is never below what
 * was acknowledged; in the end the bucket holds the file, with the right size and SHA-256. Two processes on
 * one bucket serve the same uploads.
 */
class S3ServerCrashTest {
    private static final int MIB = 1 << 20;

    private final S3Service s3 = S3ProxyServer.shared();
    private String bucket;
    private ServerProcess server;

    @BeforeEach
    void createBucket() {
        bucket = s3.createBucket();
    }

    @AfterEach
    void killServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private ServerProcess start(int port) throws IOException, InterruptedException {
        return ServerProcess.start(port, List.of("--store", "s3", "--s3-endpoint", s3.endpoint().toString(),
                        "--s3-bucket", bucket, "--s3-provider", "generic", "--s3-part-size", "5M"),
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                        "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
    }

    @Test
    void killedWhileAPatchBodyStreamsInAcrossParts() throws Exception {
        byte[] content = random(13 * MIB + 777, 1);
        server = start(0);
        URI upload = TusCalls.create(server.filesUri(), content.length);
        long acked = TusCalls.append(upload, content, 0, MIB);
        for (int killAfter : new int[]{7 * MIB, 3 * MIB + 12345}) {
            long before = acked;
            KillingBody body = new KillingBody(content, acked, (int) Math.min(9 * MIB, content.length - acked),
                    killAfter, server::kill);
            try {
                HttpResponse<String> r = TusCalls.patch(upload, acked, HttpRequest.BodyPublishers.ofInputStream(() -> body));
                throw new AssertionError("the PATCH got " + r.statusCode() + " from a killed server");
            } catch (IOException expected) {
                assertTrue(server.awaitExit(Duration.ofSeconds(5)), server::output);
            }
            server = start(server.port());
            acked = TusCalls.offset(upload);
            assertTrue(acked >= before && acked <= before + body.sent(),
                    "offset " + acked + " after " + before + " acknowledged and " + body.sent() + " sent");
        }
        finishAndVerify(upload, content, acked);
    }

    @Test
    void killedAtRandomMomentsOfAnUpload() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] content = random(11 * MIB + 555, seed);
        server = start(0);
        URI upload = TusCalls.create(server.filesUri(), content.length);
        long acked = 0;
        for (int round = 0; round < 2; round++) {
            ServerProcess victim = server;
            long delay = 200 + random.nextInt(800);
            Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(delay);
                    victim.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                while (acked < content.length) {
                    acked = TusCalls.append(upload, content, acked, (int) Math.min(768 * 1024, content.length - acked));
                }
            } catch (IOException killed) {
                // expected: the server went away under the request
            }
            killer.join();
            long before = acked;
            server = start(server.port());
            acked = TusCalls.offset(upload);
            assertTrue(acked >= before, "seed " + seed + ": offset " + acked + " is below the acknowledged " + before);
        }
        finishAndVerify(upload, content, acked);
    }

    @Test
    void twoProcessesOnOneBucketContinueEachOthersUploads() throws Exception {
        byte[] content = random(6 * MIB + 3, 2);
        server = start(0);
        try (ServerProcess other = start(0)) {
            URI viaFirst = TusCalls.create(server.filesUri(), content.length);
            long offset = TusCalls.append(viaFirst, content, 0, 4 * MIB);
            URI viaOther = other.filesUri().resolve(viaFirst.getPath().substring(viaFirst.getPath().lastIndexOf('/') + 1));
            assertEquals(offset, TusCalls.offset(viaOther));
            TusCalls.append(viaOther, content, offset, content.length - (int) offset);
            assertArrayEquals(content, TusCalls.download(viaFirst));
        }
    }

    private void finishAndVerify(URI upload, byte[] content, long offset) throws Exception {
        while (offset < content.length) {
            offset = TusCalls.append(upload, content, offset, (int) Math.min(4L * MIB, content.length - offset));
        }
        assertEquals(content.length, TusCalls.offset(upload));
        assertEquals(TusCalls.sha256(content), TusCalls.sha256(TusCalls.download(upload)), "the download is the file");
        String id = upload.getPath().substring(upload.getPath().lastIndexOf('/') + 1);
        assertEquals(content.length, s3.size(bucket, id), "the object in the bucket has the file's size");
        assertEquals(S3Service.sha256(new ByteArrayInputStream(content)), s3.sha256(bucket, id),
                "the object in the bucket is the file");
        assertEquals(List.of(id, id + ".info"), s3.keys(bucket), "nothing else is left in the bucket");
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
