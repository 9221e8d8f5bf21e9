package dev.carryon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tus-js-client 4 under Node.js speaking the IETF resumable upload draft ({@code src/test/node/ietf.cjs}):
 * in each of its draft modes it creates an upload with its first chunk, is aborted midway, and resumes from
 * the offset the server reports. The server's copy must match the file by SHA-256.
 */
class DraftTusJsClientTest {
    private static final int FILE_SIZE = 8 * 1024 * 1024 + 4_321;

    @TempDir
    Path tmp;
    private NodeScripts node;
    private TestServer server;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        node = NodeScripts.require(tmp);
        server = TestServer.start();
        file = TestFiles.random(tmp, FILE_SIZE, 11);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} (interop version {1})")
    @CsvSource({"ietf-draft-03, 5", "ietf-draft-05, 6"})
    void uploadsAbortsAndResumes(String protocol, String version) throws Exception {
        JsonNode result = node.run("ietf.cjs", file.toString(), server.filesUri().toString(), protocol);
        String url = result.get("url").asText();
        assertEquals("[\"" + version + "\"]", result.get("versions").toString(), "every request named the version");

        JsonNode announced = result.get("interim").get(0);
        assertEquals("POST", announced.get("method").asText(), "the creation request was announced: " + result);
        assertEquals(104, announced.get("status").asInt());
        assertEquals(url, announced.get("location").asText(), "the 104 named the upload");
        assertEquals(version, announced.get("version").asText());

        long head = result.get("headOffset").asLong(-1);
        assertTrue(head > 0 && head < FILE_SIZE, "the aborted upload stopped part-way: " + result);
        assertEquals(head, result.get("resumedFrom").asLong(-1), "resumed from the offset the server reported");

        assertEquals(200, result.get("finalStatus").asInt());
        assertEquals("?1", result.get("finalComplete").asText());
        JsonNode stored = new ObjectMapper().readTree(result.get("finalBody").asText());
        assertEquals(FILE_SIZE, stored.get("size").asLong());
        assertEquals(url, stored.get("url").asText());

        assertEquals(FILE_SIZE, UploadProbe.offset(URI.create(url)));
        assertEquals(TestFiles.sha256(file), UploadProbe.sha256(URI.create(url)), "the stored bytes are the file's");
    }
}
