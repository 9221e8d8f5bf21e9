package dev.carryon.server.interop;

import dev.carryon.server.TestServer;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusURLStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tus-java-client 0.5.1, unmodified, uploads a file in chunks, stops or loses its connection part-way, and a
 * fresh client resumes it from the server's offset. On the JDK the client sends PATCH as POST with
 * {@code X-HTTP-Method-Override}; through {@link PlainHttpConnection} it sends a real PATCH. Either way it
 * asks for {@code 100 Continue} and ends with an empty PATCH, which must get 204.
 */
class TusJavaClientResumeTest {
    private static final int FILE_SIZE = 5 * 1024 * 1024 + 12_345;
    private static final int CHUNK = 64 * 1024;
    private static final int PAYLOAD = 2 * 1024 * 1024;

    enum Transport { METHOD_OVERRIDE, PLAIN_PATCH }

    @TempDir
    Path tmp;
    private TestServer server;
    private Path file;
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private final List<RecordingTusClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        file = TestFiles.random(tmp, FILE_SIZE, 42);
    }

    @AfterEach
    void stop() throws Exception {
        // Idle keep-alive connections would make the server's graceful stop wait for them.
        clients.forEach(client -> client.connections().forEach(HttpURLConnection::disconnect));
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void resumesAfterStoppingBetweenRequests(Transport transport) throws Exception {
        TusURLStore urls = new TusURLMemoryStore();
        RecordingTusClient first = client(transport, urls);
        TusUploader uploader = first.createUpload(new TusUpload(file.toFile()));
        uploader.setChunkSize(CHUNK);
        uploader.setRequestPayloadSize(PAYLOAD);
        while (uploader.getOffset() < PAYLOAD + PAYLOAD / 2) {
            uploader.uploadChunk();
        }
        uploader.finish(); // ends the request in flight; the client pauses here
        long stoppedAt = uploader.getOffset();
        URI upload = uploader.getUploadURL().toURI();

        long serverOffset = UploadProbe.offset(upload);
        assertEquals(stoppedAt, serverOffset, "a finished request is stored in full");

        RecordingTusClient second = client(transport, urls);
        TusUploader resumed = second.resumeUpload(new TusUpload(file.toFile()));
        assertEquals(serverOffset, resumed.getOffset(), "the fresh client resumes from the server's offset");
        finish(resumed);

        assertStoredIntact(upload);
        assertTransport(transport, first, second);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void resumesAfterTheConnectionIsCutMidRequest(Transport transport) throws Exception {
        RecordingTusClient first = client(transport, new TusURLMemoryStore());
        TusUpload original = new TusUpload(file.toFile());
        TusUploader uploader = first.createUpload(original);
        uploader.setChunkSize(CHUNK);
        uploader.setRequestPayloadSize(PAYLOAD);
        while (uploader.getOffset() < PAYLOAD + PAYLOAD / 4) {
            uploader.uploadChunk(); // flushes each chunk to the socket
        }
        long sent = uploader.getOffset();
        URL url = uploader.getUploadURL();
        first.lastConnection().disconnect(); // the body breaks off mid-request
        original.getInputStream().close();

        UploadProbe.awaitStoredBytes(url.toURI(), sent); // every byte that arrived is kept
        long serverOffset = UploadProbe.offset(url.toURI());
        assertEquals(sent, serverOffset);

        RecordingTusClient second = client(transport, new TusURLMemoryStore());
        TusUploader resumed = second.beginOrResumeUploadFromURL(new TusUpload(file.toFile()), url);
        assertTrue(resumed.getOffset() > PAYLOAD, "resumes past the last acknowledged request");
        assertEquals(serverOffset, resumed.getOffset(), "the fresh client resumes from the server's offset");
        finish(resumed);

        assertStoredIntact(url.toURI());
        assertTransport(transport, first, second);
    }

    private RecordingTusClient client(Transport transport, TusURLStore urls) throws Exception {
        RecordingTusClient client = new RecordingTusClient();
        clients.add(client);
        client.setUploadCreationURL(transport == Transport.PLAIN_PATCH
                ? PlainHttpConnection.url(server.filesUri(), transcript) : server.filesUri().toURL());
        client.enableResuming(urls);
        return client;
    }

    /** Sends the rest in chunks; {@code finish()} then sends the empty PATCH that tus-java-client ends with. */
    private static void finish(TusUploader uploader) throws Exception {
        uploader.setChunkSize(CHUNK);
        uploader.setRequestPayloadSize(PAYLOAD);
        while (uploader.uploadChunk() > -1) {
            // keep going
        }
        uploader.finish();
        assertEquals(FILE_SIZE, uploader.getOffset());
    }

    private void assertStoredIntact(URI upload) throws Exception {
        assertEquals(FILE_SIZE, UploadProbe.offset(upload));
        assertEquals(TestFiles.sha256(file), UploadProbe.sha256(upload), "the stored bytes are the file's");
    }

    /** Checks that each transport really sent what it is meant to send. */
    private void assertTransport(Transport transport, RecordingTusClient... clients) {
        if (transport == Transport.METHOD_OVERRIDE) {
            for (RecordingTusClient client : clients) {
                for (HttpURLConnection connection : client.connections()) {
                    assertTrue(List.of("POST", "HEAD").contains(connection.getRequestMethod()),
                            "the JDK connection sends " + connection.getRequestMethod());
                }
            }
            assertTrue(transcript.isEmpty());
            return;
        }
        long patches = transcript.stream().filter(line -> line.startsWith("> PATCH ")).count();
        long continues = transcript.stream().filter(line -> line.equals("< HTTP/1.1 100 Continue")).count();
        assertTrue(patches >= 4, "real PATCH requests were sent: " + transcript);
        assertEquals(1, transcript.stream().filter(line -> line.startsWith("> POST ")).count(), "only the creation is a POST");
        assertEquals(patches, continues, "every PATCH got 100 Continue with its reason phrase: " + transcript);
    }
}
