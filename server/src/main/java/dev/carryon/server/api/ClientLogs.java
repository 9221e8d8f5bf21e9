package dev.carryon.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carryon.server.http.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /api/client-logs}: a batch of browser events, {@code {"events": [{"type", "level", "time",
 * "data"}, …]}}, written to the server log under {@code carryon.client}, one line per event. Browsers keep
 * batches they could not send and send them later, so the batch is the unit: it is taken whole or refused
 * whole (bounded in bytes, events and field sizes), and a refused batch is not worth sending again.
 */
final class ClientLogs {
    private static final Logger LOG = LoggerFactory.getLogger("carryon.client");
    static final int MAX_BODY = 256 * 1024;
    static final int MAX_EVENTS = 500;
    static final int MAX_DATA = 4 * 1024;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern TIME = Pattern.compile("[0-9T:.+\\-Z]{1,40}");
    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

    void accept(Exchange exchange) throws IOException {
        JsonNode events = JsonBody.read(exchange, MAX_BODY).get("events");
        if (events == null || !events.isArray() || events.size() > MAX_EVENTS) {
            throw ApiResponses.badRequest("The body must have an 'events' array of at most " + MAX_EVENTS);
        }
        for (JsonNode event : events) {
            validate(event);
        }
        String from = exchange.request().getConnectionMetaData().getRemoteSocketAddress().toString();
        for (JsonNode event : events) {
            String level = event.path("level").asText("info");
            String line = "{} {} {} {} {}";
            // Every field was checked against a pattern or is JSON text, so no line can forge another.
            Object[] args = {from, event.path("time").asText("-"), level, event.get("type").asText(),
                    event.has("data") ? event.get("data").toString() : "{}"};
            switch (level) {
                case "error" -> LOG.error(line, args);
                case "warn" -> LOG.warn(line, args);
                case "debug" -> LOG.debug(line, args);
                default -> LOG.info(line, args);
            }
        }
        ApiResponses.json(exchange, 200, UploadJson.JSON.createObjectNode().put("accepted", events.size()));
    }

    private static void validate(JsonNode event) {
        if (!event.isObject()) {
            throw ApiResponses.badRequest("Each event must be a JSON object");
        }
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual() || !TYPE.matcher(type.asText()).matches()) {
            throw ApiResponses.badRequest("Each event needs a 'type' of letters, digits and . _ : - (at most 100)");
        }
        JsonNode level = event.get("level");
        if (level != null && (!level.isTextual() || !LEVELS.contains(level.asText()))) {
            throw ApiResponses.badRequest("'level' must be one of " + LEVELS);
        }
        JsonNode time = event.get("time");
        if (time != null && (!time.isTextual() || !TIME.matcher(time.asText()).matches())) {
            throw ApiResponses.badRequest("'time' must be an ISO 8601 timestamp");
        }
        JsonNode data = event.get("data");
        if (data != null && data.toString().length() > MAX_DATA) {
            throw ApiResponses.badRequest("An event's 'data' may be at most " + MAX_DATA + " characters of JSON");
        }
    }
}
