package dev.carryon.server.draft;

import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.Map;

/**
 * Offset retrieval: a HEAD of the upload. It takes the upload's lock, so the offset it reports is final and
 * the client can append there at once: a request still appending is one its client gave up on (the draft
 * forbids a client to ask while it appends), so that request is ended, keeping what it delivered.
 */
final class OffsetHandler {
    private final UploadContext context;
    private final UploadState state;
    private final Completion completion;

    OffsetHandler(UploadContext context, UploadState state) {
        this.context = context;
        this.state = state;
        this.completion = new Completion(context);
    }

    void handle(Exchange exchange, InteropVersion version, String id) throws IOException {
        DraftRequest.read(exchange, version);
        context.require(id);
        UploadInfo info;
        try (Lock ignored = context.lock(id, () -> { })) {
            // Looked up again: it may have been deleted while this request waited for the lock.
            info = context.concatenateIfReady(context.require(id).info());
        }
        state.describe(exchange, version, info);
        completion.reprDigest(exchange, info, Map.of());
        exchange.set("Cache-Control", "no-store");
        exchange.send(204);
    }
}
