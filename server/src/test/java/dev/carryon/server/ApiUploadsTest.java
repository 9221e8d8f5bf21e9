package dev.carryon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/uploads}: the list of uploads, one upload, and metadata changes; bad input is a JSON 4xx. */
class ApiUploadsTest extends ServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode getJson(String target, int status) throws Exception {
        Response r = uploads.send(Request.of("GET", target));
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.header("Content-Type").startsWith("application/json"), r::toString);
        return JSON.readTree(r.body());
    }

    @Test
    void listsUploadsNewestFirstWithDecodedNames() throws Exception {
        String first = uploads.create("Upload-Length", "4", "Upload-Metadata",
                "filename " + Uploads.b64("旅行视频 2024.mp4") + ",filetype " + Uploads.b64("video/mp4"));
        uploads.append(first, 0, "ab");
        Thread.sleep(5);
        String second = uploads.create("Upload-Defer-Length", "1");

        JsonNode list = getJson("/api/uploads", 200);
        JsonNode items = list.get("uploads");
        assertEquals(2, items.size());
        assertEquals(second, items.get(0).get("id").asText());
        assertTrue(items.get(0).get("size").isNull(), "a deferred length is null");
        JsonNode one = items.get(1);
        assertEquals(first, one.get("id").asText());
        assertEquals("旅行视频 2024.mp4", one.get("filename").asText());
        assertEquals("video/mp4", one.get("type").asText());
        assertEquals(4, one.get("size").asLong());
        assertEquals(2, one.get("offset").asLong());
        assertFalse(one.get("complete").asBoolean());
        assertEquals(server.uri("/files/" + first).toString(), one.get("url").asText());
        assertTrue(one.get("created").asText().endsWith("Z"));
        assertTrue(list.get("next").isNull());
    }

    @Test
    void pagesFollowEachOtherWithoutOverlap() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(uploads.create(1));
        }
        List<String> seen = new ArrayList<>();
        String target = "/api/uploads?limit=3";
        int pages = 0;
        while (target != null) {
            JsonNode page = getJson(target, 200);
            page.get("uploads").forEach(u -> seen.add(u.get("id").asText()));
            target = page.get("next").isNull() ? null : "/api/uploads?limit=3&after=" + page.get("next").asText();
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(7, seen.stream().distinct().count());
        assertTrue(seen.containsAll(created));
    }

    @Test
    void oneUpload() throws Exception {
        String id = uploads.create(3);
        uploads.append(id, 0, "abc");
        JsonNode one = getJson("/api/uploads/" + id, 200);
        assertTrue(one.get("complete").asBoolean());
        assertEquals(3, one.get("offset").asLong());
        assertTrue(getJson("/api/uploads/" + "a".repeat(32), 404).has("error"));
        assertEquals(404, uploads.send(Request.of("GET", "/api/uploads/..%2e/..%2e/etc")).status());
    }

    @Test
    void badQueriesAreRefused() throws Exception {
        for (String bad : List.of("limit=0", "limit=501", "limit=x", "limit=1&limit=2", "after=nope",
                "after=123-notanid", "after=%zz")) {
            assertTrue(getJson("/api/uploads?" + bad, 400).get("error").asText().length() > 5, bad);
        }
        Response post = uploads.send(Request.of("POST", "/api/uploads").body("{}"));
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("Allow"));
        assertEquals(404, uploads.send(Request.of("GET", "/api/nothing")).status());
    }

    private Response patchJson(String id, String json) throws Exception {
        return uploads.send(Request.of("PATCH", "/api/uploads/" + id).header("Content-Type", "application/json")
                .body(json));
    }

    @Test
    void metadataCanBeAddedChangedAndRemoved() throws Exception {
        String id = uploads.create("Upload-Defer-Length", "1", "Upload-Metadata",
                "filename " + Uploads.b64("录像.webm") + ",keep " + Uploads.b64("x"));
        Response r = patchJson(id, "{\"metadata\":{\"duration\":\"5.25\",\"keep\":null,\"标题\":\"no\"}}");
        assertEquals(400, r.status(), "keys stay ASCII as tus requires: " + r);
        r = patchJson(id, "{\"metadata\":{\"duration\":\"5.25\",\"keep\":null,\"title\":\"会议\"}}");
        assertEquals(200, r.status(), r::toString);
        JsonNode metadata = JSON.readTree(r.body()).get("metadata");
        assertEquals("5.25", metadata.get("duration").asText());
        assertEquals("会议", metadata.get("title").asText());
        assertFalse(metadata.has("keep"));
        assertEquals("录像.webm", metadata.get("filename").asText());
        assertTrue(uploads.head(id).header("Upload-Metadata").contains("duration " + Uploads.b64("5.25")));
    }

    @Test
    void badMetadataChangesChangeNothing() throws Exception {
        String id = uploads.create("Upload-Length", "1", "Upload-Metadata", "filename " + Uploads.b64("a"));
        String before = uploads.head(id).header("Upload-Metadata");
        for (String bad : List.of("", "[]", "{", "{\"metadata\":1}", "{\"metadata\":{\"a\":1}}",
                "{\"metadata\":{\"a b\":\"x\"}}", "{\"metadata\":{\"a,b\":\"x\"}}",
                "{\"metadata\":{\"big\":\"" + "x".repeat(9000) + "\"}}")) {
            Response r = patchJson(id, bad);
            assertEquals(400, r.status(), bad + " → " + r);
        }
        Response notJson = uploads.send(Request.of("PATCH", "/api/uploads/" + id).header("Content-Type", "text/plain")
                .body("{}"));
        assertEquals(400, notJson.status());
        Response huge = patchJson(id, "{\"metadata\":{\"a\":\"" + "x".repeat(70_000) + "\"}}");
        assertEquals(413, huge.status());
        assertEquals(404, patchJson("b".repeat(32), "{\"metadata\":{}}").status());
        assertEquals(before, uploads.head(id).header("Upload-Metadata"));
    }
}
