package dev.carryon.server.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The answer to the request that completes an upload. The draft makes it the response of the resource the
 * upload was sent to, as if the whole representation had come in one request; here that resource stores
 * files, so it describes the stored file as JSON: its id, size and download URL, and its digests when the
 * client asked for them ({@code Want-Repr-Digest}), which are also sent as {@code Repr-Digest}.
 *
 * <pre>{"id":"9f…","size":1048576,"url":"http://host/files/9f…","digests":{"sha-256":"X48E9q…="}}</pre>
 */
final class Completion {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UploadContext context;

    Completion(UploadContext context) {
        this.context = context;
    }

    /** Sets {@code Repr-Digest} for a complete upload if the request wants it; returns the digests sent. */
    Map<DigestAlgorithm, byte[]> reprDigest(Exchange exchange, UploadInfo info) throws IOException {
        Set<DigestAlgorithm> wanted = ReprDigest.wanted(exchange.header(ReprDigest.WANT_FIELD));
        if (wanted.isEmpty() || !info.isComplete() || !(context.store() instanceof RangeReadable readable)) {
            return Map.of();
        }
        Map<DigestAlgorithm, byte[]> digests = ReprDigest.compute(readable, info.id(), wanted);
        exchange.set(ReprDigest.FIELD, DigestAlgorithm.field(digests));
        return digests;
    }

    /** Ends the exchange with the description of the complete upload. */
    void send(Exchange exchange, int status, UploadInfo info) throws IOException {
        Map<DigestAlgorithm, byte[]> digests = reprDigest(exchange, info);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", info.id());
        file.put("size", info.length());
        file.put("url", context.urlOf(exchange, info.id()));
        if (!digests.isEmpty()) {
            Map<String, String> encoded = new LinkedHashMap<>();
            digests.forEach((algorithm, digest) -> encoded.put(algorithm.key(), Base64.getEncoder().encodeToString(digest)));
            file.put("digests", encoded);
        }
        try {
            exchange.send(status, "application/json", JSON.writeValueAsString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}
