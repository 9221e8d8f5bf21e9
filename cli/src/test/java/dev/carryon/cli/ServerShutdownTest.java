package dev.carryon.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM while a PATCH body is still streaming in: the server process ends the request, keeps what it
 * received, and exits by itself within a few seconds; started again on the same data directory it reports
 * those bytes as the offset.
 */
class ServerShutdownTest {
    private static final int DECLARED = 64 * 1024 * 1024;
    private static final int PIECE = 64 * 1024;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path tmp;
    private ServerProcess server;
    private Socket client;

    @AfterEach
    void cleanUp() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keepsEveryByteOfAPausedBodyAndExits() throws Exception {
        byte[] content = random(DECLARED);
        server = ServerProcess.start(tmp.resolve("data"), 0);
        URI upload = TusCalls.create(server.filesUri(), DECLARED);
        OutputStream body = startPatch(upload);
        int sent = 0;
        for (; sent < 1024 * 1024 + 12_345; sent += PIECE) {
            body.write(content, sent, PIECE);
            body.flush();
            Thread.sleep(5);
        }
        Thread.sleep(300); // the client stalls; the server has read all that was sent

        assertExitsOnItsOwn();
        server = ServerProcess.start(tmp.resolve("data"), server.port());
        assertEquals(sent, TusCalls.offset(upload), "every byte sent before SIGTERM is kept");
        assertStoredPrefix(upload, content, sent);
    }

    @Test
    void keepsWhatArrivedOfABodyStreamingThroughSigterm() throws Exception {
        byte[] content = random(DECLARED);
        server = ServerProcess.start(tmp.resolve("data"), 0);
        URI upload = TusCalls.create(server.filesUri(), DECLARED);
        OutputStream body = startPatch(upload);
        AtomicInteger written = new AtomicInteger(); // handed to the socket, or being handed
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int at = 0; at < DECLARED; at += PIECE) {
                    written.addAndGet(PIECE);
                    body.write(content, at, PIECE);
                    body.flush();
                    Thread.sleep(2);
                }
            } catch (IOException | InterruptedException cut) {
                // the server ended the request
            }
        });
        while (written.get() < 1024 * 1024) {
            Thread.sleep(5);
        }

        assertExitsOnItsOwn();
        writer.join(EXIT_WITHIN.toMillis());
        assertTrue(!writer.isAlive(), "the server cut the request off");
        server = ServerProcess.start(tmp.resolve("data"), server.port());
        long offset = TusCalls.offset(upload);
        // Bytes still in socket buffers when the server cut the request may be lost; none may be invented.
        assertTrue(offset > 0 && offset <= written.get(), "offset " + offset + " of " + written + " written");
        assertStoredPrefix(upload, content, (int) offset);
    }

    /** Sends a PATCH head declaring {@link #DECLARED} bytes and returns the stream for its body. */
    private OutputStream startPatch(URI upload) throws IOException {
        client = new Socket(upload.getHost(), upload.getPort());
        OutputStream out = client.getOutputStream();
        out.write(("PATCH " + upload.getRawPath() + " HTTP/1.1\r\nHost: " + upload.getAuthority() + "\r\n"
                + "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                + "Content-Length: " + DECLARED + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out;
    }

    private void assertExitsOnItsOwn() throws InterruptedException {
        long start = System.nanoTime();
        int code = server.terminate(EXIT_WITHIN);
        assertTrue(code == 0 || code == 143, "exit code " + code + "\n" + server.output());
        System.out.printf("exited %d ms after SIGTERM with %d%n", (System.nanoTime() - start) / 1_000_000, code);
    }

    private static void assertStoredPrefix(URI upload, byte[] content, int length) throws Exception {
        byte[] stored = TusCalls.download(upload);
        assertEquals(length, stored.length);
        assertArrayEquals(Arrays.copyOf(content, length), stored, "the stored bytes are those sent");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
