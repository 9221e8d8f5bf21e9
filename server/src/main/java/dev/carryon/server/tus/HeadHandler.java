package dev.carryon.server.tus;

import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;

/**
 * HEAD with {@code Tus-Resumable}: the upload's offset, length and metadata. It takes the upload's lock so
 * the offset it reports is final: a client asks for the offset when it is about to resume, so an earlier
 * request still holding the upload is one its client has given up on, and is ended.
 */
final class HeadHandler {
    private final UploadContext context;
    private final TusState state;

    HeadHandler(UploadContext context) {
        this.context = context;
        this.state = new TusState(context.config().basePath());
    }

    void handle(Exchange exchange, String id) throws IOException {
        context.require(id);
        UploadInfo info;
        try (Lock ignored = context.lock(id, () -> { })) {
            // Looked up again: it may have been deleted while this request waited for the lock.
            info = context.concatenateIfReady(context.require(id).info());
        }
        state.describe(exchange, info);
        exchange.send(200);
    }
}
