package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.List;

/**
 * The IETF draft "Resumable Uploads for HTTP" (draft-ietf-httpbis-resumable-upload, interop versions 3 to
 * 8) on the upload endpoint that also speaks tus: a request carrying {@code Upload-Draft-Interop-Version}
 * comes here. The collection ({@code /files/}) takes creation (POST) and OPTIONS; an upload takes offset
 * retrieval (HEAD), append (PATCH), cancellation (DELETE) and OPTIONS. Uploads are the store's, so an upload
 * created by either protocol can be continued, downloaded and deleted through the other.
 *
 * <p>Every refusal is an RFC 9457 problem document with a precise 4xx; nothing a request sends can make
 * this handler answer 5xx.
 */
public final class DraftHandler {
    private static final String ACCEPT_PATCH = "Accept-Patch";

    private final UploadContext context;
    private final UploadState state;
    private final CreationHandler creation;
    private final OffsetHandler offset;
    private final AppendHandler append;
    private final CancellationHandler cancellation;

    public DraftHandler(UploadContext context) {
        this.context = context;
        this.state = new UploadState(context.config(), context.clock());
        this.creation = new CreationHandler(context, state);
        this.offset = new OffsetHandler(context, state);
        this.append = new AppendHandler(context, state);
        this.cancellation = new CancellationHandler(context);
    }

    /** Whether a request speaks the draft: it names an interop version, whichever. */
    public static boolean speaksDraft(Exchange exchange) {
        return exchange.hasHeader(InteropVersion.FIELD);
    }

    /**
     * Handles one draft request; throws only {@link IOException} for failures that are not the client's
     * fault or that leave no response to send (the client went away).
     */
    public void handle(Exchange exchange) throws IOException {
        String base = context.config().basePath();
        String path = exchange.path();
        boolean collection = !path.startsWith(base) || path.length() == base.length();
        String method = exchange.method();
        InteropVersion version = null;
        try {
            if (exchange.headerCount(InteropVersion.FIELD) > 1) {
                throw new UploadException(ErrorCode.BAD_REQUEST, InteropVersion.FIELD + " must be sent once");
            }
            version = InteropVersion.of(exchange.header(InteropVersion.FIELD));
            String allowed = collection ? "POST, OPTIONS" : "HEAD, PATCH, DELETE, GET, OPTIONS";
            if (!List.of(allowed.split(", ")).contains(method)) {
                exchange.set("Allow", allowed);
                throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED);
            }
            String id = collection ? null : context.idIn(path);
            switch (method) {
                case "OPTIONS" -> options(exchange, version);
                case "POST" -> creation.handle(exchange, version);
                case "HEAD" -> offset.handle(exchange, version, id);
                case "PATCH" -> append.handle(exchange, version, id);
                case "DELETE" -> cancellation.handle(exchange, id);
                default -> throw new UploadException(ErrorCode.METHOD_NOT_ALLOWED);
            }
        } catch (UploadException refused) {
            Problem problem = Problem.of(refused);
            if (problem.status() == 413 && version != null) {
                state.limits(exchange, version, null); // the draft requires the limits with a 413 they caused
            }
            exchange.send(problem.status(), Problem.MEDIA_TYPE, problem.json());
        }
    }

    /** Discovery: appends take {@code application/partial-upload}, and these limits apply. */
    private void options(Exchange exchange, InteropVersion version) {
        exchange.set(ACCEPT_PATCH, DraftRequest.PARTIAL_UPLOAD);
        state.limits(exchange, version, null);
        exchange.send(204);
    }
}
