package dev.carryon.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.lock.Lock;
import dev.carryon.core.store.ListCursor;
import dev.carryon.core.store.Listable;
import dev.carryon.core.store.MetadataEditable;
import dev.carryon.core.store.UploadPage;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/uploads}: the list of uploads a page at a time, one upload, and changes to its metadata. */
final class UploadsResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** Metadata travels in the {@code Upload-Metadata} header of every HEAD: it must stay well inside one. */
    static final int MAX_METADATA_HEADER = 8 * 1024;

    private final UploadContext context;

    UploadsResource(UploadContext context) {
        this.context = context;
    }

    /** {@code GET /api/uploads?limit=N&after=CURSOR}: newest first, with the cursor of the next page. */
    void list(Exchange exchange) throws IOException {
        if (!(context.store() instanceof Listable listable)) {
            ApiResponses.error(exchange, 404, "This store cannot list its uploads");
            return;
        }
        int limit = limit(ApiResponses.single(exchange, "limit"));
        String afterText = ApiResponses.single(exchange, "after");
        ListCursor after = afterText == null || afterText.isEmpty() ? null : ListCursor.parse(afterText)
                .orElseThrow(() -> ApiResponses.badRequest("'after' is not a cursor this server gave out"));
        UploadPage page = listable.list(after, limit);
        ObjectNode body = UploadJson.JSON.createObjectNode();
        ArrayNode uploads = body.putArray("uploads");
        for (UploadInfo info : page.uploads()) {
            uploads.add(UploadJson.of(info, context.urlOf(exchange, info.id())));
        }
        if (page.next() != null) {
            body.put("next", page.next().toString());
            exchange.set("Link", "</api/uploads?limit=" + limit + "&after=" + page.next() + ">; rel=\"next\"");
        } else {
            body.putNull("next");
        }
        ApiResponses.json(exchange, 200, body);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiResponses.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** {@code GET /api/uploads/{id}}. */
    void one(Exchange exchange, String id) throws IOException {
        UploadInfo info = context.current(context.require(id));
        ApiResponses.json(exchange, 200, UploadJson.of(info, context.urlOf(exchange, id)));
    }

    /**
     * {@code PATCH /api/uploads/{id}} with {@code {"metadata": {"key": "text", "gone": null}}}: sets keys to
     * text values (stored as tus keeps them, Base64 of UTF-8) and removes keys given null; others stay.
     */
    void editMetadata(Exchange exchange, String id) throws IOException {
        if (!(context.store() instanceof MetadataEditable editable)) {
            exchange.set("Allow", "GET, HEAD");
            ApiResponses.error(exchange, 405, "This store cannot change metadata");
            return;
        }
        JsonNode changes = JsonBody.read(exchange, 64 * 1024).get("metadata");
        if (changes == null || !changes.isObject()) {
            throw ApiResponses.badRequest("The body must have a 'metadata' object");
        }
        try (Lock ignored = context.lock(id, () -> { })) {
            UploadInfo info = context.require(id).info();
            Map<String, String> entries = new LinkedHashMap<>(info.metadata().entries());
            for (Map.Entry<String, JsonNode> change : changes.properties()) {
                JsonNode value = change.getValue();
                if (value.isNull()) {
                    entries.remove(change.getKey());
                } else if (value.isTextual()) {
                    entries.put(change.getKey(), Base64.getEncoder().encodeToString(
                            value.asText().getBytes(StandardCharsets.UTF_8)));
                } else {
                    throw ApiResponses.badRequest("Metadata values must be text or null");
                }
            }
            // Parsing the header form applies exactly the rules tus metadata obeys everywhere else.
            String header = new Metadata(entries).toHeader();
            if (header.length() > MAX_METADATA_HEADER) {
                throw ApiResponses.badRequest("The metadata would be larger than " + MAX_METADATA_HEADER + " bytes");
            }
            Metadata metadata;
            try {
                metadata = Metadata.parse(header);
            } catch (UploadException invalid) {
                metadata = null;
            }
            if (metadata == null || !metadata.entries().equals(entries)) {
                throw new UploadException(ErrorCode.INVALID_METADATA,
                        "Metadata keys must be printable ASCII without spaces or commas");
            }
            UploadInfo changed = editable.replaceMetadata(id, metadata);
            ApiResponses.json(exchange, 200, UploadJson.of(changed, context.urlOf(exchange, id)));
        }
    }
}
