package dev.carryon.server.tus;

import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.Capabilities;
import dev.carryon.server.upload.UploadContext;

/** OPTIONS: tells clients the protocol version, extensions, size limit and checksum algorithms. */
final class OptionsHandler {
    private final UploadContext context;

    OptionsHandler(UploadContext context) {
        this.context = context;
    }

    void handle(Exchange exchange) {
        exchange.set(TusHeaders.TUS_VERSION, TusHeaders.PROTOCOL_VERSION);
        exchange.set(TusHeaders.TUS_EXTENSION, context.capabilities().tusExtensions());
        exchange.set(TusHeaders.TUS_CHECKSUM_ALGORITHM, Capabilities.checksumAlgorithms());
        if (context.config().hasMaxSize()) {
            exchange.set(TusHeaders.TUS_MAX_SIZE, context.config().maxSize());
        }
        exchange.send(204);
    }
}
