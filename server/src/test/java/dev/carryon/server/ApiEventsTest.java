package dev.carryon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.server.RawHttp.Request;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server-sent events of durable progress: the current state first, then every change, then the end. */
class ApiEventsTest extends ServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as received: its name and its data. */
    private record Event(String name, JsonNode data) {
    }

    /** Reads the events of {@code target} on a virtual thread into a queue. */
    private BlockingQueue<Event> listen(String target) throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpURLConnection connection = (HttpURLConnection) server.uri(target).toURL().openConnection();
        connection.setReadTimeout(30_000);
        assertEquals(200, connection.getResponseCode());
        assertTrue(connection.getContentType().startsWith("text/event-stream"));
        InputStream in = connection.getInputStream();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String name = null;
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(name, JSON.readTree(line.substring(6))));
                    }
                }
            } catch (Exception ended) {
                // the test is over or the server stopped
            }
            events.add(new Event("end", null));
        });
        return events;
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 10 s");
        return e;
    }

    @Test
    void progressCompleteAndTermination() throws Exception {
        String id = uploads.create(6);
        BlockingQueue<Event> events = listen("/api/uploads/" + id + "/events");
        Event first = next(events);
        assertEquals("progress", first.name());
        assertEquals(0, first.data().get("offset").asLong());
        assertEquals(6, first.data().get("length").asLong());

        uploads.append(id, 0, "abc");
        Event progress = next(events);
        assertEquals("progress", progress.name());
        assertEquals(3, progress.data().get("offset").asLong());

        uploads.append(id, 3, "def");
        Event complete = next(events);
        assertEquals("complete", complete.name());
        assertEquals(6, complete.data().get("offset").asLong());
        assertTrue(complete.data().get("complete").asBoolean());

        assertEquals(204, uploads.send(Request.of("DELETE", Uploads.path(id)).tus()).status());
        assertEquals("terminated", next(events).name());
    }

    @Test
    void progressWithinOneLongAppendComesFromTheStore() throws Exception {
        // One PATCH whose body trickles in: the events report what the disk store has forced to disk while
        // the request is still running, not only its end.
        int total = 48 * 1024 * 1024;
        String id = uploads.create(total);
        BlockingQueue<Event> events = listen("/api/uploads/" + id + "/events");
        assertEquals(0, next(events).data().get("offset").asLong());
        HttpURLConnection patch = (HttpURLConnection) server.uri("/files/" + id).toURL().openConnection();
        patch.setRequestMethod("POST");
        patch.setRequestProperty("X-HTTP-Method-Override", "PATCH");
        patch.setRequestProperty("Tus-Resumable", "1.0.0");
        patch.setRequestProperty("Upload-Offset", "0");
        patch.setRequestProperty("Content-Type", "application/offset+octet-stream");
        patch.setFixedLengthStreamingMode(total);
        patch.setDoOutput(true);
        byte[] block = new byte[1024 * 1024];
        long midway = -1;
        Event last = null;
        try (OutputStream out = patch.getOutputStream()) {
            for (int sent = 0; sent < total; sent += block.length) {
                out.write(block);
                out.flush();
                Thread.sleep(40);
                Event e = events.poll();
                if (e != null) {
                    last = e;
                    if (e.data().get("offset").asLong() > 0 && sent + block.length < total) {
                        midway = e.data().get("offset").asLong();
                    }
                }
            }
        }
        assertEquals(204, patch.getResponseCode());
        assertTrue(midway > 0 && midway < total, "an event during the append reported " + midway);
        while (last == null || !"complete".equals(last.name())) {
            last = next(events);
        }
        assertEquals(total, last.data().get("offset").asLong());
    }

    @Test
    void oneStreamForSeveralUploads() throws Exception {
        String a = uploads.create(2);
        String b = uploads.create("Upload-Defer-Length", "1");
        BlockingQueue<Event> events = listen("/api/events?ids=" + a + "," + b);
        var seen = new java.util.HashSet<String>();
        seen.add(next(events).data().get("id").asText());
        seen.add(next(events).data().get("id").asText());
        assertEquals(java.util.Set.of(a, b), seen);
        uploads.append(b, 0, "x");
        Event e = next(events);
        assertEquals(b, e.data().get("id").asText());
        assertTrue(e.data().get("length").isNull());
    }

    @Test
    void badSubscriptionsAreRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String target : java.util.List.of("/api/uploads/" + "c".repeat(32) + "/events", "/api/events",
                "/api/events?ids=nope", "/api/events?ids=" + "d".repeat(32) + ",x")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.uri(target).toString()))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, target + " → " + r.statusCode());
        }
    }

    @Test
    void stoppingTheServerEndsStreams() throws Exception {
        String id = uploads.create(2);
        BlockingQueue<Event> events = listen("/api/uploads/" + id + "/events");
        next(events);
        long start = System.nanoTime();
        server.close();
        server = null;
        assertEquals("end", next(events).name());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the stream held up the stop");
    }
}
