package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.server.download.DownloadHandler;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.List;

/**
 * The tus 1.0 endpoint: routes each request under the base path to the handler for its method, and turns
 * refusals into responses. The collection ({@code /files/}) takes POST and OPTIONS; an upload
 * ({@code /files/ID}) takes HEAD, PATCH, DELETE, GET and OPTIONS.
 */
public final class TusHandler {
    private static final List<String> SINGLE_VALUED = List.of(TusHeaders.UPLOAD_OFFSET, TusHeaders.UPLOAD_LENGTH,
            TusHeaders.UPLOAD_DEFER_LENGTH, TusHeaders.UPLOAD_CHECKSUM, TusHeaders.UPLOAD_CONCAT);

    private final UploadContext context;
    private final OptionsHandler options;
    private final PostHandler post;
    private final HeadHandler head;
    private final PatchHandler patch;
    private final DeleteHandler delete;
    private final DownloadHandler download;

    public TusHandler(UploadContext context) {
        this.context = context;
        this.options = new OptionsHandler(context);
        this.post = new PostHandler(context);
        this.head = new HeadHandler(context);
        this.patch = new PatchHandler(context);
        this.delete = new DeleteHandler(context);
        this.download = context.store() instanceof RangeReadable readable ? new DownloadHandler(readable) : null;
    }

    /**
     * Handles one request; throws only {@link IOException} for failures that are not the client's fault or
     * that leave no response to send (the client went away).
     */
    public void handle(Exchange exchange) throws IOException {
        String path = exchange.path();
        boolean collection = !path.startsWith(context.config().basePath())
                || path.length() == context.config().basePath().length();
        String method = exchange.method();
        boolean tus = exchange.hasHeader(TusHeaders.TUS_RESUMABLE);
        if (tus || !isDownload(method)) {
            exchange.set(TusHeaders.TUS_RESUMABLE, TusHeaders.PROTOCOL_VERSION);
        }
        if (tus && method.equals("HEAD")) {
            exchange.set("Cache-Control", "no-store"); // an offset is stale the moment it is sent
        }
        String allowed = collection ? "POST, OPTIONS" : "HEAD, PATCH, DELETE, GET, OPTIONS";
        try {
            if (!List.of(allowed.split(", ")).contains(method)) {
                exchange.set("Allow", allowed);
                throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED);
            }
            String id = collection ? null : context.idIn(path);
            if (method.equals("OPTIONS")) {
                options.handle(exchange);
            } else if (method.equals("GET") || (method.equals("HEAD") && !tus)) {
                if (download == null) {
                    throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED, "This store cannot serve downloads");
                }
                download.handle(exchange, context.current(context.require(id)), method.equals("GET"));
            } else {
                checkVersion(exchange);
                checkSingleValued(exchange);
                switch (method) {
                    case "POST" -> post.handle(exchange);
                    case "HEAD" -> head.handle(exchange, id);
                    case "PATCH" -> patch.handle(exchange, id);
                    case "DELETE" -> delete.handle(exchange, id);
                    default -> throw new IllegalStateException("unrouted method " + method);
                }
            }
        } catch (UploadException refused) {
            exchange.fail(refused);
        }
    }

    private static boolean isDownload(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /**
     * Refuses a request that repeats a field meant to carry one value: only the first would be read, and a
     * proxy in front may have acted on another.
     */
    private static void checkSingleValued(Exchange exchange) {
        for (String name : SINGLE_VALUED) {
            if (exchange.headerCount(name) > 1) {
                throw new UploadException(ErrorCode.BAD_REQUEST, name + " must be sent once");
            }
        }
    }

    private static void checkVersion(Exchange exchange) {
        String version = exchange.header(TusHeaders.TUS_RESUMABLE);
        if (!TusHeaders.PROTOCOL_VERSION.equals(version == null ? null : version.strip())) {
            exchange.set(TusHeaders.TUS_VERSION, TusHeaders.PROTOCOL_VERSION);
            throw new UploadException(ErrorCode.UNSUPPORTED_VERSION, version == null
                    ? "Tus-Resumable: 1.0.0 is required" : "Tus-Resumable " + version + " is not supported");
        }
    }
}
