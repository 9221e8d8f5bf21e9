package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.Terminatable;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;

/**
 * Upload cancellation: a DELETE of the upload. Like tus termination it removes the upload and everything
 * stored for it, ending first any request still appending to it, as the draft recommends.
 */
final class CancellationHandler {
    private final UploadContext context;

    CancellationHandler(UploadContext context) {
        this.context = context;
    }

    void handle(Exchange exchange, String id) throws IOException {
        if (!(context.store() instanceof Terminatable terminatable)) {
            throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED, "This server cannot delete uploads");
        }
        context.require(id);
        try (Lock ignored = context.lock(id, () -> { })) {
            context.require(id); // again: another DELETE may have been first
            terminatable.terminate(id);
        }
        context.metrics().uploadTerminated();
        exchange.send(204);
    }
}
