package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /api/client-logs}: batches within bounds are taken, anything else is a 4xx. */
class ClientLogsTest extends ServerTest {

    private Response post(String json) throws Exception {
        return uploads.send(Request.of("POST", "/api/client-logs").header("Content-Type", "application/json")
                .body(json));
    }

    @Test
    void batchesAreAccepted() throws Exception {
        Response r = post("{\"events\":[{\"type\":\"upload.start\",\"level\":\"info\",\"time\":\"2024-05-01T10:00:00.000Z\","
                + "\"data\":{\"file\":\"视频.mp4\",\"note\":\"line\\nbreak\"}},{\"type\":\"upload.fail\",\"level\":\"error\"}]}");
        assertEquals(200, r.status(), r::toString);
        assertEquals("{\"accepted\":2}", r.text().strip());
    }

    @Test
    void badBatchesAreRefused() throws Exception {
        for (String bad : List.of("{}", "{\"events\":{}}", "{\"events\":[1]}", "{\"events\":[{}]}",
                "{\"events\":[{\"type\":\"a b\"}]}", "{\"events\":[{\"type\":\"a\",\"level\":\"loud\"}]}",
                "{\"events\":[{\"type\":\"a\",\"time\":\"\\n\"}]}",
                "{\"events\":[{\"type\":\"a\",\"data\":\"" + "x".repeat(5000) + "\"}]}", "not json")) {
            assertEquals(400, post(bad).status(), bad);
        }
        StringBuilder many = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"t\"}");
        }
        assertEquals(400, post(many.append("]}").toString()).status());
        assertEquals(413, post("{\"events\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}").status());
        assertEquals(405, uploads.send(Request.of("GET", "/api/client-logs")).status());
    }
}
