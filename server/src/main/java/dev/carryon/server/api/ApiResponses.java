package dev.carryon.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.carryon.server.http.Exchange;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import org.eclipse.jetty.server.Request;

import java.util.List;

/** JSON answers and query parameters, the same way for every API resource. */
final class ApiResponses {
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private ApiResponses() {
    }

    static void json(Exchange exchange, int status, JsonNode body) {
        exchange.set("Cache-Control", "no-store");
        try {
            exchange.send(status, JSON_TYPE, UploadJson.JSON.writeValueAsString(body) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static void error(Exchange exchange, int status, String message) {
        json(exchange, status, UploadJson.JSON.createObjectNode().put("error", message));
    }

    /** The values of a query parameter; a query that does not decode is refused with 400. */
    static List<String> query(Exchange exchange, String name) {
        try {
            List<String> values = Request.extractQueryParameters(exchange.request()).getValues(name);
            return values == null ? List.of() : values;
        } catch (RuntimeException malformed) {
            throw badRequest("The query string is malformed");
        }
    }

    /** The one value of a query parameter, or null; more than one is refused. */
    static String single(Exchange exchange, String name) {
        List<String> values = query(exchange, name);
        if (values.size() > 1) {
            throw badRequest("'" + name + "' may be given once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    static UploadException badRequest(String message) {
        return new UploadException(ErrorCode.BAD_REQUEST, message);
    }
}
