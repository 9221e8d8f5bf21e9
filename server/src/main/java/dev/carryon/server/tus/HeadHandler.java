package dev.carryon.server.tus;

import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.server.http.Exchange;

import java.io.IOException;

/**
 * HEAD with {@code Tus-Resumable}: the upload's offset, length and metadata. It takes the upload's lock so
 * the offset it reports is final: a client asks for the offset when it is about to resume, so an earlier
 * request still holding the upload is one its client has given up on, and is ended.
 */
final class HeadHandler {
    private final TusContext context;

    HeadHandler(TusContext context) {
        this.context = context;
    }

    void handle(Exchange exchange, String id) throws IOException {
        context.require(id);
        UploadInfo info;
        try (Lock ignored = context.lock(id, () -> { })) {
            // Looked up again: it may have been deleted while this request waited for the lock.
            info = context.concatenateIfReady(context.require(id).info());
        }
        context.describe(exchange, info);
        exchange.send(200);
    }
}
