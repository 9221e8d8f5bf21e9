package dev.carryon.client;

import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statuses the client retries (5xx, 423, 409) and those it does not, Retry-After, the deadline, and
 * credentials asked for again after a 401.
 */
class RetryTest {
    private static final RetryPolicy FAST = RetryPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(10))
            .withMaxDelay(Duration.ofMillis(100)).withDeadline(Duration.ofSeconds(20));

    @TempDir
    Path tmp;
    private TestServer server;
    private ScriptedGateway gateway;
    private Path file;
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final TransferListener recording = new TransferListener() {
        @Override
        public void retrying(int attempt, Duration delay, Throwable cause) {
            retries.add(attempt + " " + delay.toMillis() + " " + cause.getMessage());
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        gateway = new ScriptedGateway(server.port());
        file = TestFiles.random(tmp, "f.bin", 3 << 20, 9);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        server.close();
    }

    @Test
    void honoursRetryAfterOnA503() throws Exception {
        gateway.answerNext("PATCH", 1, 503, Map.of("Retry-After", "1"));
        long start = System.nanoTime();
        upload(FAST);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000), "waited as asked");
        assertEquals(1, retries.size(), retries.toString());
        assertTrue(retries.getFirst().startsWith("1 1000 "), retries.toString());
    }

    @Test
    void retriesLockedAndConflictingAppendsFromTheServersOffset() throws Exception {
        gateway.answerNext("PATCH", 2, 423, Map.of());
        gateway.answerNext("HEAD", 1, 423, Map.of());
        gateway.answerNext("PATCH", 1, 409, Map.of("Upload-Offset", "0"));
        upload(FAST);
        assertEquals(4, retries.size(), retries.toString());
        assertTrue(gateway.count("HEAD") >= 4, "asked for the offset after each failure: " + gateway.count("HEAD"));
    }

    @Test
    void failsAtOnceOnAClientError() throws Exception {
        gateway.answerNext("POST", 1, 413, Map.of());
        ExecutionException e = assertThrows(ExecutionException.class, () -> upload(FAST));
        assertEquals(413, assertInstanceOf(HttpStatusException.class, e.getCause()).status());
        assertEquals(List.of(), retries);
    }

    @Test
    void givesUpOnAServerThatKeepsFailingAtTheDeadline() throws Exception {
        gateway.answerNext("PATCH", 1000, 500, Map.of());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> upload(FAST.withDeadline(Duration.ofMillis(500))));
        RetriesExhaustedException exhausted = assertInstanceOf(RetriesExhaustedException.class, e.getCause());
        assertEquals(500, assertInstanceOf(HttpStatusException.class, exhausted.getCause()).status());
        assertTrue(exhausted.elapsed().toMillis() >= 400, exhausted.getMessage());
    }

    @Test
    void asksForNewCredentialsAfterA401() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        gateway.requireAuthorization("Bearer t1");
        AuthHeaders tokens = AuthHeaders.bearer(() -> "t" + fetched.incrementAndGet());
        try (CarryonClient client = builder(FAST).authHeaders(tokens).build()) {
            upload(client);
            assertEquals(1, fetched.get(), "fetched once, then reused");
            gateway.requireAuthorization("Bearer t2"); // the token expired
            upload(client);
            assertEquals(2, fetched.get(), "fetched again after the 401");
        }
    }

    @Test
    void downloadsAskForNewCredentialsAfterA401Too() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        gateway.requireAuthorization("Bearer t2"); // the first token has expired already
        CarryonClient client = builder(FAST).authHeaders(AuthHeaders.bearer(() -> "t" + fetched.incrementAndGet())).build();
        try {
            java.net.URI url = client.upload(UploadRequest.builder(file, server.filesUri()).build()).completionFuture()
                    .get(20, TimeUnit.SECONDS).uploadUrl();
            Path copy = tmp.resolve("copy.bin");
            client.download(DownloadRequest.builder(gateway.via(url), copy).parallelism(2).build())
                    .completionFuture().get(20, TimeUnit.SECONDS);
            assertEquals(TestFiles.sha256(file), TestFiles.sha256(copy));
            assertEquals(2, fetched.get());
        } finally {
            Clients.closeChecked(client); // the refused responses were let go of
        }
    }

    @Test
    void reportsATokenThatCouldNotBeFetchedAndTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> tokenFailures = new CopyOnWriteArrayList<>();
        AuthHeaders flaky = AuthHeaders.bearer(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("token service unavailable");
            }
            return "ok";
        });
        gateway.requireAuthorization("Bearer ok");
        try (CarryonClient client = builder(FAST).authHeaders(flaky).build()) {
            client.upload(UploadRequest.builder(file, gateway.via(server.filesUri())).listener(new TransferListener() {
                @Override
                public void tokenFailed(Throwable cause) {
                    tokenFailures.add(cause);
                }
            }).build()).completionFuture().get(20, TimeUnit.SECONDS);
        }
        assertEquals(1, tokenFailures.size());
        assertEquals("token service unavailable", tokenFailures.getFirst().getMessage());
    }

    private void upload(RetryPolicy policy) throws Exception {
        try (CarryonClient client = builder(policy).build()) {
            upload(client);
        }
    }

    private void upload(CarryonClient client) throws Exception {
        CompletedUpload done = client.upload(UploadRequest.builder(file, gateway.via(server.filesUri())).chunkSize(1 << 20)
                .listener(recording).build()).completionFuture().get(20, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(gateway.direct(done.uploadUrl())));
    }

    private static CarryonClient.Builder builder(RetryPolicy policy) {
        return CarryonClient.builder().retryPolicy(policy).checkpointStore(CheckpointStore.inMemory());
    }
}
