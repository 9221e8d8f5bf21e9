package dev.carryon.server;

import dev.carryon.server.draft.DraftHandler;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.tus.TusHandler;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;

/**
 * The upload endpoint ({@code /files/} and everything under it): one set of uploads, reached through the
 * protocol each request speaks. A request naming an {@code Upload-Draft-Interop-Version} speaks the IETF
 * draft, whatever else it carries; any other speaks tus. A GET is a download either way.
 */
final class UploadEndpoint {
    private final UploadContext context;
    private final TusHandler tus;
    private final DraftHandler draft;

    UploadEndpoint(UploadContext context) {
        this.context = context;
        this.tus = new TusHandler(context);
        this.draft = new DraftHandler(context);
    }

    /** Whether a path belongs to this endpoint: the base path, with or without its slash, and below it. */
    boolean owns(String path) {
        String base = context.config().basePath();
        return path.startsWith(base) || path.equals(base.substring(0, base.length() - 1));
    }

    void handle(Exchange exchange) throws IOException {
        if (DraftHandler.speaksDraft(exchange) && !exchange.method().equals("GET")) {
            draft.handle(exchange);
        } else {
            tus.handle(exchange);
        }
    }
}
