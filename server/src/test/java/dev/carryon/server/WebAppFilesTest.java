package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web app's static files at {@code /}: types, revalidation, and nothing outside its folder. */
class WebAppFilesTest extends ServerTest {

    @Test
    void servesTheAppWithRevalidation() throws Exception {
        Response index = uploads.send(Request.of("GET", "/"));
        assertEquals(200, index.status());
        assertTrue(index.header("Content-Type").startsWith("text/html"));
        assertTrue(index.header("Content-Security-Policy").contains("default-src 'self'"));
        String etag = index.header("ETag");
        assertEquals(304, uploads.send(Request.of("GET", "/").header("If-None-Match", etag)).status());
        Response script = uploads.send(Request.of("GET", "/js/carryon-client.js"));
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").startsWith("text/javascript"));
    }

    @Test
    void nothingElseIsReachable() throws Exception {
        for (String path : List.of("/missing.js", "/../pom.xml", "/webapp/index.html", "/dev/carryon/server/web/WebApp.class",
"/%2e%2e/x.js", "/.hidden.js", "/a/b/c.js")) {
            int status = uploads.send(Request.of("GET", path)).status();
            assertTrue(status == 404 || status == 400, path + " → " + status);
        }
        assertEquals(404, uploads.send(Request.of("DELETE", "/")).status());
    }
}
