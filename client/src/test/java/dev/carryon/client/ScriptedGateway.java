package dev.carryon.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP gateway in front of a real server, for tests: forwards every request unless the test scripted an
 * answer for it, such as a {@code 503} with {@code Retry-After} for the next PATCH, or a {@code 401} for any
 * request without the expected credentials. Bodies are held in memory, so keep them small.
 */
final class ScriptedGateway implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "http2-settings", "keep-alive", "date");

    private record Answer(String method, int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int targetPort;
    private final ConcurrentLinkedQueue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile String requiredAuthorization;

    ScriptedGateway(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code uri} with the gateway's port in place of the server's. */
    URI via(URI uri) {
        return URI.create(uri.toString().replace(":" + targetPort + "/", ":" + port() + "/"));
    }

    /** {@code uri} with the server's port in place of the gateway's: the same resource, unscripted. */
    URI direct(URI uri) {
        return URI.create(uri.toString().replace(":" + port() + "/", ":" + targetPort + "/"));
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next {@code times} requests with {@code method} get {@code status} and {@code headers}, unforwarded. */
    void answerNext(String method, int times, int status, Map<String, String> headers) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Answer(method, status, headers));
        }
    }

    /** Requests whose {@code Authorization} is not {@code value} get a 401; null lets all through. */
    void requireAuthorization(String value) {
        requiredAuthorization = value;
    }

    /** How many requests with {@code method} arrived. */
    int count(String method) {
        return counts.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        counts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String required = requiredAuthorization;
        if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, Map.of("WWW-Authenticate", "Bearer"));
            return;
        }
        for (Answer answer : scripted) {
            if (answer.method().equals(method) && scripted.remove(answer)) {
                reply(exchange, answer.status(), answer.headers());
                return;
            }
        }
        forward(exchange, method, body);
    }

    private void forward(HttpExchange exchange, String method, byte[] body) throws IOException {
        URI target = URI.create("http://127.0.0.1:" + targetPort + exchange.getRequestURI());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                List<String> rewritten = values.stream().map(v -> v.replace(":" + targetPort + "/", ":" + port() + "/")).toList();
                exchange.getResponseHeaders().put(name, rewritten);
            }
        });
        byte[] bytes = response.body();
        boolean empty = bytes.length == 0 || method.equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!empty) {
                out.write(bytes);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Tus-Resumable", "1.0.0");
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
