package dev.carryon.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carryon.core.UploadIds;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Server-sent events of how far uploads are durably stored: {@code progress} while bytes arrive,
 * {@code complete} once the last byte is stored, {@code terminated} when the upload is deleted or expired.
 * Each event's data is {@code {"id", "offset", "length", "complete"}}. The current state comes first, so a
 * reconnecting {@code EventSource} misses nothing that matters. A comment every 15 s keeps proxies from
 * closing a quiet stream and finds listeners that went away.
 */
final class EventStream {
    static final long HEARTBEAT_MILLIS = 15_000;
    /** One stream can watch this many uploads: the library's unfinished uploads, not a whole store. */
    static final int MAX_IDS = 200;

    private final UploadContext context;
    private final ProgressHub hub;

    EventStream(UploadContext context, ProgressHub hub) {
        this.context = context;
        this.hub = hub;
    }

    /** {@code GET /api/uploads/{id}/events}: a 404 if there is no such upload, else its events. */
    void streamOne(Exchange exchange, String id) throws IOException {
        context.require(id);
        stream(exchange, Set.of(id));
    }

    /** {@code GET /api/events?id=A&id=B} (or {@code ids=A,B}): the events of several uploads on one connection. */
    void streamMany(Exchange exchange) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : ApiResponses.query(exchange, "id")) {
            ids.add(value);
        }
        for (String list : ApiResponses.query(exchange, "ids")) {
            for (String value : list.split(",")) {
                if (!value.isBlank()) {
                    ids.add(value.strip());
                }
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw ApiResponses.badRequest("Name from 1 to " + MAX_IDS + " uploads with 'id' or 'ids'");
        }
        for (String id : ids) {
            if (!UploadIds.isValid(id)) {
                throw ApiResponses.badRequest("'" + id.substring(0, Math.min(id.length(), 64)) + "' is not an upload id");
            }
        }
        stream(exchange, ids);
    }

    private void stream(Exchange exchange, Set<String> ids) throws IOException {
        exchange.set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.set("Cache-Control", "no-store");
        exchange.set("X-Accel-Buffering", "no"); // nginx in front must pass events on at once
        exchange.status(200);
        try (Subscription subscription = hub.subscribe(ids)) {
            send(exchange, "retry: 2000\n\n");
            while (true) {
                List<ProgressState> states = subscription.take(HEARTBEAT_MILLIS);
                if (states == null) {
                    break; // the server is stopping
                }
                if (states.isEmpty()) {
                    send(exchange, ": still here\n\n");
                    continue;
                }
                StringBuilder events = new StringBuilder();
                for (ProgressState state : states) {
                    events.append("event: ").append(state.event()).append('\n')
                            .append("data: ").append(data(state)).append("\n\n");
                }
                send(exchange, events.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming events");
        }
        exchange.write(ByteBuffer.allocate(0), true);
        exchange.succeeded();
    }

    private static String data(ProgressState state) {
        ObjectNode node = UploadJson.JSON.createObjectNode();
        node.put("id", state.id());
        node.put("offset", state.offset());
        if (state.length() >= 0) {
            node.put("length", state.length());
        } else {
            node.putNull("length");
        }
        node.put("complete", state.complete());
        return node.toString();
    }

    private static void send(Exchange exchange, String text) throws IOException {
        exchange.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false);
    }
}
