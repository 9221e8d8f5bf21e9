package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The tus steps tests take over and over (create, append, look), each asserting that it worked. */
final class Uploads {
    static final String OCTETS = "application/offset+octet-stream";

    private final TestServer server;

    Uploads(TestServer server) {
        this.server = server;
    }

    static String path(String id) {
        return "/files/" + id;
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Request creation() {
        return Request.of("POST", "/files/").tus();
    }

    static Request patchAt(String id, long offset) {
        return Request.of("PATCH", path(id)).tus().header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", OCTETS);
    }

    static Request headOf(String id) {
        return Request.of("HEAD", path(id)).tus();
    }

    Response send(Request request) throws IOException {
        return RawHttp.exchange(server.port(), request);
    }

    /** Creates an upload with the extra header fields given as name, value pairs; returns its id. */
    String create(String... headers) throws IOException {
        Request post = creation();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            post = post.header(headers[i], headers[i + 1]);
        }
        Response r = send(post);
        assertEquals(201, r.status(), () -> "creation failed: " + r);
        return idOf(r);
    }

    String create(long length) throws IOException {
        return create("Upload-Length", Long.toString(length));
    }

    static String idOf(Response created) {
        String location = created.header("Location");
        assertNotNull(location, () -> "no Location in " + created);
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Appends {@code bytes} at {@code offset}, expecting 204; returns the new offset. */
    long append(String id, long offset, byte[] bytes) throws IOException {
        Response r = send(patchAt(id, offset).body(bytes));
        assertEquals(204, r.status(), () -> "PATCH failed: " + r);
        return Long.parseLong(r.header("Upload-Offset"));
    }

    long append(String id, long offset, String text) throws IOException {
        return append(id, offset, text.getBytes(StandardCharsets.UTF_8));
    }

    Response head(String id) throws IOException {
        return send(headOf(id));
    }

    /** The upload's offset as HEAD reports it. */
    long offset(String id) throws IOException {
        Response r = head(id);
        assertEquals(200, r.status(), () -> "HEAD failed: " + r);
        return Long.parseLong(r.header("Upload-Offset"));
    }

    /** The stored bytes, by a plain GET. */
    byte[] download(String id) throws IOException {
        Response r = send(Request.of("GET", path(id)));
        assertEquals(200, r.status(), () -> "GET failed: " + r);
        return r.body();
    }
}
