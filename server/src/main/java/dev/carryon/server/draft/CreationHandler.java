package dev.carryon.server.draft;

import dev.carryon.core.Concat;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.Terminatable;
import dev.carryon.core.store.Upload;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.Map;

/**
 * Upload creation: a POST to the collection with {@code Upload-Complete}, with or without content. The upload
 * exists before the content is read, and a 104 interim response tells the client where, so a client whose
 * request breaks off at once can still resume. Everything that can be checked about the request is checked
 * before the upload is created; a body that is then refused (a digest mismatch, a short final body) removes
 * the upload again, so a refused request leaves nothing behind.
 *
 * <p>{@code Upload-Metadata} is accepted as tus defines it, since tus-js-client sends it in draft mode too;
 * it names the file for downloads.
 */
final class CreationHandler {
    private final UploadContext context;
    private final UploadState state;
    private final DraftAppender appender;
    private final Completion completion;

    CreationHandler(UploadContext context, UploadState state) {
        this.context = context;
        this.state = state;
        this.appender = new DraftAppender(context);
        this.completion = new Completion(context);
    }

    void handle(Exchange exchange, InteropVersion version) throws IOException {
        DraftRequest request = DraftRequest.read(exchange, version).requireCompleteness();
        long length = appender.length(UploadInfo.UNKNOWN_LENGTH, request, 0);
        if (length < 0 && !(context.store() instanceof LengthDeferrable)) {
            throw new UploadException(ErrorCode.LENGTH_REQUIRED, "This server needs Upload-Length");
        }
        Metadata metadata = Metadata.parse(exchange.listHeader("Upload-Metadata"));
        ContentDigest.of(exchange.header(ContentDigest.FIELD));
        ReprDigest.wanted(exchange.header(ReprDigest.WANT_FIELD));

        UploadInfo info = context.store().create(UploadInfo.create(length, metadata, Concat.NONE,
                context.clock().instant()));
        context.metrics().uploadCreated();
        String location = context.urlOf(exchange, info.id());
        exchange.set("Location", location);
        Upload upload = context.store().find(info.id()).orElseThrow();
        try (Lock ignored = context.lockForWriting(info.id(), exchange)) {
            if (exchange.hasBody()) {
                new Resumption(exchange, version).announce(location, state.limit(version, info));
            }
            info = appendFirstContent(exchange, upload, info, request);
        }
        state.describe(exchange, version, info);
        if (info.isComplete()) {
            completion.send(exchange, 201, info, wholeFileDigests(exchange));
        } else {
            exchange.send(201);
        }
    }

    /** The verified Content-Digest of a request that carried the whole file, which creation always did. */
    static Map<DigestAlgorithm, byte[]> wholeFileDigests(Exchange exchange) {
        ContentDigest digest = ContentDigest.of(exchange.header(ContentDigest.FIELD));
        return digest == null ? Map.of() : digest.digests();
    }

    private UploadInfo appendFirstContent(Exchange exchange, Upload upload, UploadInfo info, DraftRequest request)
            throws IOException {
        try {
            return appender.append(exchange, upload, info, request);
        } catch (UploadException refused) {
            if (refused.code() != ErrorCode.INSUFFICIENT_STORAGE && context.store() instanceof Terminatable t) {
                t.terminate(info.id());
                exchange.remove("Location");
            }
            throw refused;
        }
    }
}
