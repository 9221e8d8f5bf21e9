package dev.carryon.server.interop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link HttpURLConnection} over a plain socket that sends the request method it is given. The JDK's own
 * connection refuses PATCH, so tus-java-client falls back to POST with {@code X-HTTP-Method-Override};
 * through this one the same client code sends a real PATCH. It does just what tus-java-client needs: one
 * request per connection, bodies in chunked coding, {@code Expect: 100-continue}. Every request line and
 * every status line it receives, interim ones included, goes to a transcript that tests can inspect.
 */
final class PlainHttpConnection extends HttpURLConnection {
    private static final int CONTINUE_WAIT_MILLIS = 5_000;

    private final List<String> transcript;
    private final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Map<String, List<String>> requestHeaders;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ChunkedBody body;
    private boolean requestSent;
    private byte[] responseBody;

    private PlainHttpConnection(URL url, List<String> transcript) {
        super(url);
        this.transcript = transcript;
    }

    /** A URL whose connections (and those of URLs resolved against it) are plain connections. */
    static URL url(URI uri, List<String> transcript) throws IOException {
        return URL.of(uri, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new PlainHttpConnection(u, transcript);
            }
        });
    }

    @Override
    public void setRequestMethod(String method) {
        if (connected) {
            throw new IllegalStateException("already connected");
        }
        this.method = method;
    }

    @Override
    public void connect() throws IOException {
        if (connected) {
            return;
        }
        requestHeaders = getRequestProperties();
        socket = new Socket();
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), getConnectTimeout());
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        connected = true;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (body != null) {
            return body;
        }
        connect();
        sendHead(true);
        if ("100-continue".equalsIgnoreCase(first(requestHeaders, "Expect"))) {
            awaitContinue();
        }
        body = new ChunkedBody();
        return body;
    }

    @Override
    public int getResponseCode() throws IOException {
        if (responseCode != -1) {
            return responseCode;
        }
        connect();
        if (!requestSent) {
            sendHead(false);
        }
        if (body != null) {
            body.close();
        }
        do {
            readStatusAndHeaders();
        } while (responseCode / 100 == 1);
        readBody();
        disconnect(); // the request said Connection: close; the server waits for this side to close too
        return responseCode;
    }

    @Override
    public String getHeaderField(String name) {
        try {
            getResponseCode();
        } catch (IOException e) {
            return null;
        }
        List<String> values = responseHeaders.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
        return Map.copyOf(responseHeaders);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (getResponseCode() >= 400) {
            throw new IOException("HTTP " + responseCode);
        }
        return new ByteArrayInputStream(responseBody);
    }

    @Override
    public void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public boolean usingProxy() {
        return false;
    }

    private void sendHead(boolean withBody) throws IOException {
        String path = url.getFile().isEmpty() ? "/" : url.getFile();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
        for (Map.Entry<String, List<String>> field : requestHeaders.entrySet()) {
            for (String value : field.getValue()) {
                head.append(field.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (withBody) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (List.of("POST", "PUT", "PATCH").contains(method)) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        requestSent = true;
        transcript.add("> " + method + " " + path);
    }

    /** Waits, as the JDK does, a few seconds for the interim response; a final one ends the request early. */
    private void awaitContinue() throws IOException {
        socket.setSoTimeout(CONTINUE_WAIT_MILLIS);
        try {
            readStatusAndHeaders();
        } catch (SocketTimeoutException noInterimResponse) {
            transcript.add("< (no 100 Continue within " + CONTINUE_WAIT_MILLIS + " ms)");
            return;
        } finally {
            socket.setSoTimeout(0);
        }
        if (responseCode != 100) {
            readBody();
            disconnect();
            throw new IOException("the server answered " + responseCode + " instead of 100 Continue");
        }
        responseCode = -1;
        responseHeaders.clear();
    }

    private void readStatusAndHeaders() throws IOException {
        String status = readLine();
        transcript.add("< " + status);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + status);
        }
        responseCode = Integer.parseInt(parts[1]);
        responseMessage = parts.length == 3 ? parts[2] : "";
        responseHeaders.clear();
        for (String line; !(line = readLine()).isEmpty(); ) {
            int colon = line.indexOf(':');
            responseHeaders.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    private void readBody() throws IOException {
        String length = first(responseHeaders, "Content-Length");
        int n = "HEAD".equals(method) || length == null ? 0 : Integer.parseInt(length);
        responseBody = in.readNBytes(n);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        Map<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        List<String> values = ci.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The request body in chunked coding; closing it sends the last chunk. Safe to close more than once. */
    private final class ChunkedBody extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("body already closed");
            }
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes, off, len);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }
    }
}
