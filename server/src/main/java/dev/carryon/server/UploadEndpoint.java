package dev.carryon.server;

import dev.carryon.server.api.ProgressHub;
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

    private final ProgressHub progress;

    UploadEndpoint(UploadContext context, ProgressHub progress) {
        this.context = context;
        this.progress = progress;
        this.tus = new TusHandler(context);
        this.draft = new DraftHandler(context);
    }

    /** Whether a path belongs to this endpoint: the base path, with or without its slash, and below it. */
    boolean owns(String path) {
        String base = context.config().basePath();
        return path.startsWith(base) || path.equals(base.substring(0, base.length() - 1));
    }

    void handle(Exchange exchange) throws IOException {
        try {
            if (DraftHandler.speaksDraft(exchange) && !exchange.method().equals("GET")) {
                draft.handle(exchange);
            } else {
                tus.handle(exchange);
            }
        } finally {
            // Whatever the request did to the upload (append, declare its length, delete it), listeners to
            // its progress hear of it now rather than at the next periodic look.
            String method = exchange.method();
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
                String id = context.idIn(exchange.path());
                if (id != null) {
                    progress.changed(id);
                }
            }
        }
    }
}
