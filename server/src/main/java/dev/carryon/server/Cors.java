package dev.carryon.server;

import dev.carryon.server.http.Exchange;

import java.util.List;

/**
 * Cross-origin access, so a browser app on another origin can upload. Simple requests get the
 * allow/expose headers; preflight requests are answered here and go no further.
 */
public final class Cors {
    static final String ALLOW_METHODS = "POST, HEAD, PATCH, OPTIONS, GET, DELETE";
    static final String ALLOW_HEADERS = String.join(", ", "Authorization", "Content-Type", "Origin",
            "X-Requested-With", "X-Request-ID", "X-HTTP-Method-Override", "Tus-Resumable", "Upload-Length",
            "Upload-Offset", "Upload-Metadata", "Upload-Defer-Length", "Upload-Concat", "Upload-Checksum",
            "Upload-Complete", "Upload-Incomplete", "Upload-Draft-Interop-Version", "Content-Digest",
            "Repr-Digest", "Want-Repr-Digest", "Range", "If-Range", "If-Match", "If-None-Match", "If-Modified-Since",
            "If-Unmodified-Since");
    static final String EXPOSE_HEADERS = String.join(", ", "Location", "Tus-Resumable", "Tus-Version",
            "Tus-Extension", "Tus-Max-Size", "Tus-Checksum-Algorithm", "Upload-Offset", "Upload-Length",
            "Upload-Metadata", "Upload-Defer-Length", "Upload-Concat", "Upload-Expires", "Upload-Complete",
            "Upload-Incomplete", "Upload-Limit", "Upload-Draft-Interop-Version", "Repr-Digest", "Accept-Patch",
            "Content-Range", "Accept-Ranges", "ETag",
            "Last-Modified", "Content-Disposition", "Content-Length");

    private final List<String> origins;

    /** @param origins allowed origins, or {@code *} for any */
    public Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    /**
     * Adds CORS headers for a request from another origin. Returns true if the request was a preflight and
     * has been answered.
     */
    public boolean apply(Exchange exchange) {
        String origin = exchange.header("Origin");
        if (origin == null) {
            return false;
        }
        exchange.set("Vary", "Origin");
        if (!allows(origin)) {
            return false;
        }
        exchange.set("Access-Control-Allow-Origin", origin);
        boolean preflight = exchange.request().getMethod().equals("OPTIONS")
                && exchange.hasHeader("Access-Control-Request-Method");
        if (!preflight) {
            exchange.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
            return false;
        }
        exchange.set("Access-Control-Allow-Methods", ALLOW_METHODS);
        exchange.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
        exchange.set("Access-Control-Max-Age", "86400");
        exchange.send(204);
        return true;
    }

    private boolean allows(String origin) {
        return origins.contains("*") || origins.contains(origin);
    }
}
