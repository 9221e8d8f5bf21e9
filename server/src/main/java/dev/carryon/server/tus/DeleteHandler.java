package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.Terminatable;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;

/** DELETE (tus {@code termination}): removes an upload, ending any request still writing to it. */
final class DeleteHandler {
    private final UploadContext context;

    DeleteHandler(UploadContext context) {
        this.context = context;
    }

    void handle(Exchange exchange, String id) throws IOException {
        if (!(context.store() instanceof Terminatable terminatable)) {
            throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED);
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
