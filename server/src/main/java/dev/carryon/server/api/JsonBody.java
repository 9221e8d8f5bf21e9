package dev.carryon.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.server.http.Exchange;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request's JSON body, bounded in size: too long is 413, not JSON is 400, never more in memory. */
final class JsonBody {
    private JsonBody() {
    }

    static JsonNode read(Exchange exchange, int maxBytes) throws IOException {
        String type = exchange.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new UploadException(ErrorCode.BAD_REQUEST, "The body must be application/json");
        }
        long declared = exchange.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = exchange.body()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            JsonNode node = UploadJson.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new UploadException(ErrorCode.BAD_REQUEST, "The body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException malformed) {
            throw new UploadException(ErrorCode.BAD_REQUEST, "The body is not valid JSON");
        }
    }

    private static UploadException tooLarge(int maxBytes) {
        return new UploadException(ErrorCode.UPLOAD_TOO_LARGE, "The body is larger than " + maxBytes + " bytes");
    }
}
