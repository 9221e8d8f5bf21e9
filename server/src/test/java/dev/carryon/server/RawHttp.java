package dev.carryon.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket: it writes exactly the bytes it is given, so tests
 * can send what {@code java.net.http} refuses to (any Content-Length, Expect, Transfer-Encoding, trailers,
 * malformed values) and can stop half-way through a body. It reads responses strictly by the framing rules:
 * no body for HEAD, 1xx, 204 and 304; else chunked, Content-Length, or until the server closes.
 */
final class RawHttp implements Closeable {
    private static final int TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.port = socket.getPort();
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to the loopback port; reads time out after 15 s so no test can hang. */
    static RawHttp connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new RawHttp(socket);
    }

    /**
     * Sends {@code request} on a fresh connection and reads the final response, also when the server answered
     * and closed before taking the whole request (a 413 or 431, say) so that sending failed.
     */
    static Response exchange(int port, Request request) throws IOException {
        try (RawHttp http = connect(port)) {
            try {
                http.send(request);
            } catch (IOException sendFailed) {
                try {
                    return http.readResponse(request.method());
                } catch (IOException noAnswer) {
                    sendFailed.addSuppressed(noAnswer);
                    throw sendFailed;
                }
            }
            return http.readResponse(request.method());
        }
    }

    /** Sends the whole request, adding {@code Host} for this connection unless the request has one. */
    RawHttp send(Request request) throws IOException {
        return send(request.withHost(port).bytes());
    }

    /** Sends only the request line and header fields, so the body can follow in pieces (or never). */
    RawHttp sendHead(Request request) throws IOException {
        return send(request.withHost(port).head());
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawHttp send(String latin1) throws IOException {
        return send(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads responses until a final (non-1xx) one; the interim ones are kept in it. */
    Response readResponse(String requestMethod) throws IOException {
        List<Response> interim = new ArrayList<>();
        while (true) {
            Response r = readOne(requestMethod);
            if (r.status() >= 200) {
                return r.withInterim(interim);
            }
            interim.add(r);
        }
    }

    /** Reads exactly one response, which may be an interim 1xx one. */
    Response readOne(String requestMethod) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = fields();
        Response head = new Response(statusLine, status, parts.length == 3 ? parts[2] : "", headers,
                new byte[0], List.of(), List.of());
        boolean noBody = requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304;
        if (noBody) {
            return head;
        }
        String te = head.header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            List<Map.Entry<String, String>> trailers = readChunked(body);
            return new Response(statusLine, status, head.reason(), headers, body.toByteArray(), trailers, List.of());
        }
        String cl = head.header("Content-Length");
        byte[] body = cl != null ? in.readNBytes(Integer.parseInt(cl.strip())) : in.readAllBytes();
        return new Response(statusLine, status, head.reason(), headers, body, List.of(), List.of());
    }

    /**
     * Whether the server closed the connection: reading yields end-of-stream (or a reset) within
     * {@code millis}.
     */
    boolean closedByServerWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private List<Map.Entry<String, String>> readChunked(ByteArrayOutputStream body) throws IOException {
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                return fields();
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private List<Map.Entry<String, String>> fields() throws IOException {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            fields.add(Map.entry(l.substring(0, colon), l.substring(colon + 1).strip()));
        }
        return fields;
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("connection closed after " + bytes.size() + " bytes of a line");
            }
            bytes.write(b);
        }
        String l = bytes.toString(StandardCharsets.UTF_8);
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    /** An HTTP/1.1 request as exact bytes; build with {@link #of}. */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        static Request of(String method, String target) {
            return new Request(method, target, List.of(), new byte[0]);
        }

        Request header(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Request(method, target, more, body);
        }

        Request tus() {
            return header("Tus-Resumable", "1.0.0");
        }

        /** A body with its Content-Length, unless the headers already frame the body. */
        Request body(byte[] bytes) {
            Request r = new Request(method, target, headers, bytes);
            return r.has("Content-Length") || r.has("Transfer-Encoding")
                    ? r : r.header("Content-Length", Integer.toString(bytes.length));
        }

        Request body(String utf8) {
            return body(utf8.getBytes(StandardCharsets.UTF_8));
        }

        /** A chunked body made of {@code pieces}, then the trailer fields (name, value, name, value…). */
        Request chunked(List<byte[]> pieces, String... trailers) {
            Request r = has("Transfer-Encoding") ? this : header("Transfer-Encoding", "chunked");
            return new Request(method, target, r.headers, chunkedBody(pieces, trailers));
        }

        private static byte[] chunkedBody(List<byte[]> pieces, String... trailers) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] piece : pieces) {
                if (piece.length > 0) {
                    out.writeBytes((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(piece);
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            StringBuilder end = new StringBuilder("0\r\n");
            for (int i = 0; i + 1 < trailers.length; i += 2) {
                end.append(trailers[i]).append(": ").append(trailers[i + 1]).append("\r\n");
            }
            out.writeBytes(end.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        }

        boolean has(String name) {
            return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
        }

        Request withHost(int port) {
            if (has("Host")) {
                return this;
            }
            List<Map.Entry<String, String>> all = new ArrayList<>();
            all.add(Map.entry("Host", "127.0.0.1:" + port));
            all.addAll(headers);
            return new Request(method, target, all, body);
        }

        /** Request line and header fields with the blank line after them. */
        byte[] head() {
            StringBuilder s = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            for (Map.Entry<String, String> h : headers) {
                s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            return s.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head());
            out.writeBytes(body);
            return out.toByteArray();
        }

        /**
         * This request with each {@code {name}} in its target, header values and body replaced by the value
         * of that name. A Content-Length already set is left as it is.
         */
        Request fill(Map<String, String> values) {
            String latin1Body = new String(body, StandardCharsets.ISO_8859_1);
            String filledTarget = target;
            List<Map.Entry<String, String>> filledHeaders = new ArrayList<>(headers);
            for (Map.Entry<String, String> v : values.entrySet()) {
                String placeholder = "{" + v.getKey() + "}";
                filledTarget = filledTarget.replace(placeholder, v.getValue());
                latin1Body = latin1Body.replace(placeholder, v.getValue());
                filledHeaders.replaceAll(h -> Map.entry(h.getKey(), h.getValue().replace(placeholder, v.getValue())));
            }
            return new Request(method, filledTarget, filledHeaders, latin1Body.getBytes(StandardCharsets.ISO_8859_1));
        }

        Request withTarget(String newTarget) {
            return new Request(method, newTarget, headers, body);
        }
    }

    /** A response as received; header names are matched without regard to case and may repeat. */
    record Response(String statusLine, int status, String reason, List<Map.Entry<String, String>> headers,
                    byte[] body, List<Map.Entry<String, String>> trailers, List<Response> interim) {

        Response withInterim(List<Response> responses) {
            return new Response(statusLine, status, reason, headers, body, trailers, List.copyOf(responses));
        }

        /** The first value of a header, or null. */
        String header(String name) {
            List<String> all = headers(name);
            return all.isEmpty() ? null : all.getFirst();
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        boolean has(String name) {
            return !headers(name).isEmpty();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(statusLine);
            headers.forEach(h -> s.append("\n").append(h.getKey()).append(": ").append(h.getValue()));
            if (body.length > 0 && body.length < 500) {
                s.append("\n\n").append(text());
            }
            return s.toString();
        }
    }
}
