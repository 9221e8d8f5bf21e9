package dev.carryon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.client.CarryonClient;
import dev.carryon.client.CheckpointStore;
import dev.carryon.client.ResumableFileDownload;
import dev.carryon.client.TestFiles;
import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code carryon upload}, {@code download}, {@code stream}, {@code status} and {@code rm} as processes against
 * a real server: a killed upload or download run again continues where it stopped, with the same URL.
 */
class CliTransferTest {
    private static final int SIZE = 24 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    private TestServer server;
    private CarryonClient client;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        client = CarryonClient.builder().checkpointStore(CheckpointStore.inMemory()).build();
        file = TestFiles.random(tmp, "talk.mp4", SIZE, 3);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void aKilledUploadRunAgainContinuesTheSameUpload() throws Exception {
        URI url;
        long offsetWhenKilled;
        try (CliProcess first = CliProcess.start(null, "upload", file.toString(), server.filesUri().toString(),
                "--checkpoint-dir", tmp.resolve("checkpoints").toString(), "--chunk-size", "1M", "--limit-rate", "12M")) {
            String announced = first.awaitStderr(line -> line.startsWith("carryon: " + file + ": http"), TIMEOUT);
            url = URI.create(announced.substring(announced.lastIndexOf(' ') + 1));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (client.status(url).offset() < SIZE * 4L / 10) {
                assertTrue(System.nanoTime() < deadline && first.isAlive(), "the upload stalled:\n" + first.stderr());
                Thread.sleep(20);
            }
            first.kill();
            offsetWhenKilled = client.status(url).offset();
        }
        assertTrue(offsetWhenKilled >= SIZE * 4L / 10 && offsetWhenKilled < SIZE, "killed at " + offsetWhenKilled);

        CliProcess again = CliProcess.run("upload", file.toString(), server.filesUri().toString(),
                "--checkpoint-dir", tmp.resolve("checkpoints").toString(), "--chunk-size", "1M", "--json");
        assertEquals(0, again.exitCode(), again.stderr());
        JsonNode result = new ObjectMapper().readTree(again.stdout());
        assertEquals(url.toString(), result.get("url").asText(), "the same upload");
        assertEquals(offsetWhenKilled, result.get("resumedFrom").asLong(), "continued from the server's offset");
        assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(url));
        assertTrue(again.stderr().contains("carryon: " + file + ": " + url), again.stderr());
    }

    @Test
    void aKilledDownloadRunAgainContinuesWhereItStopped() throws Exception {
        URI url = client.upload(dev.carryon.client.UploadRequest.builder(file, server.filesUri()).build())
                .completionFuture().get().uploadUrl();
        Path target = tmp.resolve("copy.mp4");
        String[] args = {"download", url.toString(), "-o", target.toString(), "--checkpoint-dir",
                tmp.resolve("checkpoints").toString()};
        long checkpointed;
        try (CliProcess first = CliProcess.start(null, concat(args, "--limit-rate", "8M"))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while ((checkpointed = checkpointedBytes(tmp.resolve("checkpoints"))) < SIZE * 3L / 10) {
                assertTrue(System.nanoTime() < deadline && first.isAlive(), "no checkpoint appeared:\n" + first.stderr());
                Thread.sleep(20);
            }
            first.kill();
        }
        assertFalse(Files.exists(target));
        CliProcess again = CliProcess.run(concat(args, "--json"));
        assertEquals(0, again.exitCode(), again.stderr());
        JsonNode result = new ObjectMapper().readTree(again.stdout());
        assertTrue(result.get("resumedFrom").asLong() >= checkpointed, "continued: " + result);
        assertEquals(TestFiles.sha256(file), result.get("sha256").asText(), "verified by the server's digest");
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(target));
    }

    @Test
    void aDownloadStoppedBySigtermSavesItsPlaceAndExitsWith143() throws Exception {
        URI url = client.upload(dev.carryon.client.UploadRequest.builder(file, server.filesUri()).build())
                .completionFuture().get().uploadUrl();
        Path target = tmp.resolve("copy.mp4");
        String[] args = {"download", url.toString(), "-o", target.toString(), "--checkpoint-dir",
                tmp.resolve("checkpoints").toString()};
        long saved;
        try (CliProcess first = CliProcess.start(null, concat(args, "--limit-rate", "8M"))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (checkpointedBytes(tmp.resolve("checkpoints")) == 0) {
                assertTrue(System.nanoTime() < deadline && first.isAlive(), "no checkpoint appeared:\n" + first.stderr());
                Thread.sleep(20);
            }
            assertEquals(143, first.terminate(TIMEOUT), first.stderr());
            saved = checkpointedBytes(tmp.resolve("checkpoints"));
        }
        CliProcess again = CliProcess.run(concat(args, "--json"));
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(saved, new ObjectMapper().readTree(again.stdout()).get("resumedFrom").asLong(),
                "continued from the place saved when it was stopped");
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(target));
    }

    @Test
    void streamsStandardInput() throws Exception {
        try (CliProcess stream = CliProcess.start(file, "stream", server.filesUri().toString(), "-m", "filename=rec.webm",
                "--chunk-size", "4M")) {
            assertEquals(0, stream.await(TIMEOUT), stream.stderr());
            URI url = URI.create(stream.stdout().strip());
            assertEquals(TestFiles.sha256(file), TestFiles.sha256Of(url));
            assertEquals("rec.webm", client.status(url).metadata().get("filename"));
        }
    }

    @Test
    void statusAndRmAndTheirExitCodes() throws Exception {
        CliProcess upload = CliProcess.run("upload", file.toString(), server.filesUri().toString(), "-q", "--no-resume",
                "--checkpoint-dir", tmp.resolve("checkpoints").toString());
        assertEquals(0, upload.exitCode(), upload.stderr());
        assertEquals("", upload.stderr(), "quiet");
        String url = upload.stdout().strip();

        CliProcess status = CliProcess.run("status", url, "--json");
        assertEquals(0, status.exitCode(), status.stderr());
        JsonNode json = new ObjectMapper().readTree(status.stdout());
        assertEquals(SIZE, json.get("offset").asLong());
        assertTrue(json.get("complete").asBoolean());
        assertEquals("talk.mp4", json.get("metadata").get("filename").asText());

        assertEquals(0, CliProcess.run("rm", url).exitCode());
        assertEquals(ExitCodes.REFUSED, CliProcess.run("status", url).exitCode(), "gone: refused");
        assertEquals(ExitCodes.LOCAL_FILE, CliProcess.run("upload", tmp.resolve("missing").toString(),
                server.filesUri().toString()).exitCode());
        assertEquals(ExitCodes.USAGE, CliProcess.run("upload", "--parallel", "x", file.toString(),
                server.filesUri().toString()).exitCode());
        assertEquals(ExitCodes.FAILED, CliProcess.run("status", "http://127.0.0.1:9/files/x", "--retry-for", "1s").exitCode());
        CliProcess help = CliProcess.run("download", "--help");
        assertTrue(help.stdout().contains("Exit codes:") && help.stdout().contains("130"), help.stdout());
    }

    /** The bytes the download's checkpoint says are written, or 0 while there is none. */
    private static long checkpointedBytes(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    return ResumableFileDownload.fromJson(Files.readString(f)).bytesDone();
                } catch (java.io.IOException | IllegalArgumentException replacedMeanwhile) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
