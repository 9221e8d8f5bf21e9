package dev.carryon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carryon.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tus-js-client 4 under Node.js (the scripts in {@code src/test/node}) against a real server: an upload that
 * is aborted midway and resumed by a new Upload, and an upload in three parallel parts that the server
 * concatenates. The server's copy must match the file by SHA-256.
 */
class TusJsClientTest {
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
        file = TestFiles.random(tmp, FILE_SIZE, 7);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void resumesAnUploadFoundThroughFindPreviousUploads() throws Exception {
        JsonNode result = node.run("resume.cjs", file.toString(), server.filesUri().toString(), "previous",
                tmp.resolve("urls.json").toString());
        assertResumedFromServerOffset(result);
        assertStoredIntact(URI.create(result.get("url").asText()));
    }

    @Test
    void resumesAnUploadFromItsUploadUrl() throws Exception {
        JsonNode result = node.run("resume.cjs", file.toString(), server.filesUri().toString(), "uploadUrl");
        assertResumedFromServerOffset(result);
        assertStoredIntact(URI.create(result.get("url").asText()));
    }

    @Test
    void uploadsInThreeParallelPartsThatTheServerConcatenates() throws Exception {
        JsonNode result = node.run("parallel.cjs", file.toString(), server.filesUri().toString());
        assertEquals(3, result.get("partials").asInt(), "partial uploads created");
        assertEquals(1, result.get("finals").asInt(), "final uploads created");
        assertStoredIntact(URI.create(result.get("url").asText()));
    }

    private static void assertResumedFromServerOffset(JsonNode result) {
        long head = result.get("headOffset").asLong(-1);
        long resumedFrom = result.get("resumedFrom").asLong(-1);
        assertTrue(head > 0 && head < FILE_SIZE, "the aborted upload stopped part-way: " + result);
        assertEquals(head, resumedFrom, "the new Upload resumed from the offset HEAD reported: " + result);
    }

    private void assertStoredIntact(URI upload) throws Exception {
        assertEquals(FILE_SIZE, UploadProbe.offset(upload));
        assertEquals(TestFiles.sha256(file), UploadProbe.sha256(upload), "the stored bytes are the file's");
    }
}
