package dev.carryon.server.web;

import dev.carryon.server.http.Exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web app: static files from the {@code webapp/} folder of the server's jar, served at {@code /}. Only
 * names of a plain form are looked up, so no request can reach any other resource. Files are read once and
 * kept (they are small and cannot change inside a jar); an ETag lets browsers revalidate cheaply.
 */
public final class WebApp {
    private static final String ROOT = "webapp/";
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/){0,2}[a-z0-9][a-z0-9._-]*\\.(?:html|js|css|svg|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");
    /**
     * The app loads only its own scripts and styles; media may be blobs (a recording's preview); requests go
     * to this server only.
     */
    private static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
            + "style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    private record StaticFile(byte[] bytes, String type, String etag) {
    }

    /** Whether the path names a file of the app; GET and HEAD only. */
    public boolean owns(Exchange exchange) {
        String method = exchange.method();
        return (method.equals("GET") || method.equals("HEAD")) && find(exchange.path()).isPresent();
    }

    public void handle(Exchange exchange) throws IOException {
        StaticFile file = find(exchange.path()).orElseThrow();
        exchange.set("ETag", file.etag());
        exchange.set("Cache-Control", "no-cache");
        exchange.set("X-Content-Type-Options", "nosniff");
        exchange.set("Referrer-Policy", "no-referrer");
        if (file.type().startsWith("text/html")) {
            exchange.set("Content-Security-Policy", CSP);
        }
        String ifNoneMatch = exchange.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(file.etag()) || ifNoneMatch.strip().equals("*"))) {
            exchange.send(304);
            return;
        }
        exchange.set("Content-Type", file.type());
        exchange.set("Content-Length", file.bytes().length);
        exchange.status(200);
        exchange.write(ByteBuffer.wrap(file.bytes()), true); // Jetty sends no body for HEAD
        exchange.succeeded();
    }

    private Optional<StaticFile> find(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        // Only files that exist are kept, so requests for made-up names cannot fill the map.
        StaticFile known = files.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<StaticFile> loaded = load(name);
        loaded.ifPresent(file -> files.put(name, file));
        return loaded;
    }

    private static Optional<StaticFile> load(String name) {
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            String etag = "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
            return Optional.of(new StaticFile(bytes, TYPES.get(extension), etag));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the web app's " + name, e);
        }
    }
}
