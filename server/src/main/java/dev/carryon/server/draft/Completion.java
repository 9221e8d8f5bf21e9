package dev.carryon.server.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.upload.UploadContext;

import java.io.IOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The answer to the request that completes an upload. The draft makes it the response of the resource the
 * upload was sent to, as if the whole representation had come in one request; here that resource stores
 * files, so it describes the stored file as JSON: its id, size and download URL, and its digests where
 * they are known: those the client asked for ({@code Want-Repr-Digest}, also sent as {@code Repr-Digest}),
 * and the verified {@code Content-Digest} of a request whose content was the whole file.
 *
 * <pre>{"id":"9f…","size":1048576,"url":"http://host/files/9f…","digests":{"sha-256":"X48E9q…="}}</pre>
 */
final class Completion {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UploadContext context;

    Completion(UploadContext context) {
        this.context = context;
    }

    /**
     * Sets {@code Repr-Digest} for a complete upload if the request wants it, computing only the digests
     * not {@code known} already; returns every digest known of the upload.
     */
    Map<DigestAlgorithm, byte[]> reprDigest(Exchange exchange, UploadInfo info, Map<DigestAlgorithm, byte[]> known)
            throws IOException {
        Map<DigestAlgorithm, byte[]> digests = new EnumMap<>(DigestAlgorithm.class);
        digests.putAll(known);
        Set<DigestAlgorithm> wanted = ReprDigest.wanted(exchange.header(ReprDigest.WANT_FIELD));
        if (wanted.isEmpty() || !info.isComplete() || !(context.store() instanceof RangeReadable readable)) {
            return digests;
        }
        Set<DigestAlgorithm> missing = EnumSet.copyOf(wanted);
        missing.removeAll(known.keySet());
        if (!missing.isEmpty()) {
            digests.putAll(ReprDigest.compute(readable, info.id(), missing));
        }
        Map<DigestAlgorithm, byte[]> sent = new EnumMap<>(digests);
        sent.keySet().retainAll(wanted);
        exchange.set(ReprDigest.FIELD, DigestAlgorithm.field(sent));
        return digests;
    }

    /**
     * Ends the exchange with the description of the complete upload; {@code known} are digests of the whole
     * upload already verified, e.g. the {@code Content-Digest} of a request that carried all of it.
     */
    void send(Exchange exchange, int status, UploadInfo info, Map<DigestAlgorithm, byte[]> known) throws IOException {
        Map<DigestAlgorithm, byte[]> digests = reprDigest(exchange, info, known);
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
