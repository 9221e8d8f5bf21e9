package dev.carryon.server.api;

import dev.carryon.core.UploadException;
import dev.carryon.core.UploadIds;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON API under {@code /api/} that the web app (and anyone else) uses beside the upload protocols: the
 * list of uploads, one upload, live progress as server-sent events, and the browser's event log. Every
 * refusal is a JSON object {@code {"error": "…"}} with a 4xx status.
 */
public final class ApiEndpoint {
    private static final String PREFIX = "/api/";
    private static final Pattern UPLOAD = Pattern.compile("/api/uploads/([^/]+)(/events)?");

    private final UploadContext context;
    private final UploadsResource uploads;
    private final EventStream events;
    private final ClientLogs logs;

    public ApiEndpoint(UploadContext context, ProgressHub hub) {
        this.context = context;
        this.uploads = new UploadsResource(context);
        this.events = new EventStream(context, hub);
        this.logs = new ClientLogs();
    }

    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    public void handle(Exchange exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        try {
            if (path.equals("/api/uploads") || path.equals("/api/uploads/")) {
                if (allow(exchange, "GET, HEAD")) {
                    uploads.list(exchange);
                }
            } else if (path.equals("/api/events")) {
                if (allow(exchange, "GET")) {
                    events.streamMany(exchange);
                }
            } else if (path.equals("/api/client-logs")) {
                if (allow(exchange, "POST")) {
                    logs.accept(exchange);
                }
            } else {
                Matcher m = UPLOAD.matcher(path);
                if (!m.matches() || !UploadIds.isValid(m.group(1))) {
                    ApiResponses.error(exchange, 404, "No such resource");
                } else if (m.group(2) != null) {
                    if (allow(exchange, "GET")) {
                        events.streamOne(exchange, m.group(1));
                    }
                } else if (method.equals("PATCH")) {
                    uploads.editMetadata(exchange, m.group(1));
                } else if (allow(exchange, "GET, HEAD, PATCH")) {
                    uploads.one(exchange, m.group(1));
                }
            }
        } catch (UploadException refused) {
            if (exchange.isCommitted()) {
                throw refused;
            }
            ApiResponses.error(exchange, refused.code().status(), refused.getMessage());
        }
    }

    /** Whether the method is one of {@code allowed}; if not, the request is answered with 405. */
    private static boolean allow(Exchange exchange, String allowed) {
        String method = exchange.method();
        for (String m : allowed.split(", ")) {
            if (m.equals(method)) {
                return true;
            }
        }
        exchange.set("Allow", allowed);
        ApiResponses.error(exchange, 405, "Method not allowed; use " + allowed);
        return false;
    }

    UploadContext context() {
        return context;
    }
}
