package dev.carryon.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP file server for tests (not a tus server): serves one file at {@code /file} with a strong ETag,
 * single ranges and {@code If-Range}, and lets a test {@link #replace} the file while it is being downloaded,
 * which a complete Carryon upload never does.
 */
final class RangeFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final AtomicInteger version = new AtomicInteger(1);
    private final AtomicInteger fullResponses = new AtomicInteger();
    private volatile byte[] content;

    RangeFileServer(byte[] content) throws IOException {
        this.content = content;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/file", this::serve);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file");
    }

    /** Puts new content in place, with a new ETag. */
    void replace(byte[] newContent) {
        content = newContent;
        version.incrementAndGet();
    }

    /** How many 200 responses (whole file) were sent. */
    int fullResponses() {
        return fullResponses.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] bytes = content;
        String etag = "\"v" + version.get() + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        String range = exchange.getRequestHeaders().getFirst("Range");
        String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && (ifRange == null || ifRange.equals(etag))) {
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(Long.parseLong(m.group(2)), bytes.length - 1);
            if (first >= bytes.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
            send(exchange, 206, bytes, (int) first, (int) (last - first + 1));
            return;
        }
        fullResponses.incrementAndGet();
        send(exchange, 200, bytes, 0, bytes.length);
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes, int offset, int length) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                for (int at = offset; at < offset + length; at += 64 * 1024) {
                    out.write(bytes, at, Math.min(64 * 1024, offset + length - at));
                }
            }
        } catch (IOException clientLeft) {
            // the client went away
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
