package dev.carryon.server.http;

import dev.carryon.core.UploadException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One request and its response, with the few operations handlers need. Handlers run on virtual threads,
 * so writes block.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String method;
    private final MinimumDataRate minimumRate;
    /** The one reader of the request body, kept so that {@link #cutConnection} can wake it. */
    private volatile RequestBody body;
    private volatile boolean cut;
    private InterimResponses interim;
    /** Set once the response is handed to Jetty to finish; from then on the connection is not ours to close. */
    private volatile boolean finished;

    public Exchange(Request request, Response response, Callback callback) {
        this(request, response, callback, MinimumDataRate.NONE);
    }

    /** An exchange whose request body is ended as broken when it arrives slower than {@code minimumRate}. */
    public Exchange(Request request, Response response, Callback callback, MinimumDataRate minimumRate) {
        this.minimumRate = minimumRate;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.method = effectiveMethod(request);
    }

    /** The method, honouring {@code X-HTTP-Method-Override} on POST for clients that can only POST. */
    private static String effectiveMethod(Request request) {
        String override = request.getHeaders().get("X-HTTP-Method-Override");
        if (override != null && "POST".equals(request.getMethod()) && !override.isBlank()) {
            return override.strip().toUpperCase(java.util.Locale.ROOT);
        }
        return request.getMethod();
    }

    public String method() {
        return method;
    }

    public Request request() {
        return request;
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /**
     * A list-valued field (RFC 9110, section 5.3): all of its lines joined with commas, or null if absent.
     */
    public String listHeader(String name) {
        java.util.List<String> lines = request.getHeaders().getValuesList(name);
        return lines.isEmpty() ? null : String.join(",", lines);
    }

    /** How many field lines of this name the request has. */
    public int headerCount(String name) {
        return request.getHeaders().getFields(name).size();
    }

    public boolean hasHeader(String name) {
        return request.getHeaders().contains(name);
    }

    /** The request's declared body length, or -1 if it has none declared (chunked). */
    public long contentLength() {
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    }

    /** Whether a body is or may be coming: a positive Content-Length, or chunked transfer coding. */
    public boolean hasBody() {
        long length = contentLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** Interim (1xx) responses for this request; the same sender every time. */
    public synchronized InterimResponses interim() {
        if (interim == null) {
            interim = new InterimResponses(request, response);
        }
        return interim;
    }

    /** The request body; the same reader every time, read on the request's own thread. */
    public RequestBody body() {
        if (body == null) {
            body = new RequestBody(request, minimumRate);
        }
        if (cut) {
            body.cut();
        }
        return body;
    }

    /** Absolute URL on this server for a path, as the client addressed the server. */
    public String absoluteUrl(String path) {
        var uri = request.getHttpURI();
        String authority = uri.getAuthority();
        if (authority == null || authority.isEmpty()) {
            authority = Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return uri.getScheme() + "://" + authority + path;
    }

    public Exchange set(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public Exchange set(String name, long value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public void remove(String name) {
        response.getHeaders().remove(name);
    }

    public void add(HttpField field) {
        response.getHeaders().add(field);
    }

    /** Ends the exchange with a status and no body (a HEAD response may have declared a length). */
    public void send(int status) {
        response.setStatus(status);
        if (!response.getHeaders().contains(HttpHeader.CONTENT_LENGTH)) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        }
        finished = true;
        response.write(true, null, callback);
    }

    /** Ends the exchange with a short text body. */
    public void sendText(int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        finished = true;
        Content.Sink.write(response, true, text, callback);
    }

    /** Ends the exchange with a body of the given media type. */
    public void send(int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        finished = true;
        Content.Sink.write(response, true, body, callback);
    }

    /** Ends the exchange with the client-safe form of a refusal. */
    public void fail(UploadException e) {
        sendText(e.code().status(), e.getMessage() + "\n");
    }

    /** Starts the response: status and headers are final from here on. */
    public void status(int status) {
        response.setStatus(status);
    }

    /** Writes a piece of the response body, blocking until it is sent. */
    public void write(ByteBuffer bytes, boolean last) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(last, bytes, blocker);
            blocker.block();
        }
    }

    /**
     * A direct buffer from the server's pool, for writing a body; release it when done. Pooling keeps
     * many parallel downloads from churning direct memory that only the garbage collector would free.
     */
    public RetainableByteBuffer acquireBuffer(int size) {
        return request.getComponents().getByteBufferPool().acquire(size, true);
    }

    /** Marks the exchange done after the body was written with {@link #write}. */
    public void succeeded() {
        finished = true;
        callback.succeeded();
    }

    /** Gives up on the exchange, e.g. after the client went away mid-request. */
    public void abort(Throwable cause) {
        finished = true;
        callback.failed(cause);
    }

    public boolean isCommitted() {
        return response.isCommitted();
    }

    /**
     * Ends a request that holds an upload's lock, because a newer request for that upload arrived: the body
     * ends at the first moment it would wait for more bytes, so every byte already received is still read
     * and kept. A request still receiving after {@code grace} has its connection closed.
     */
    public void endReadingSoon(Duration grace) {
        stopBody();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(grace);
            } catch (InterruptedException e) {
                return;
            }
            if (!finished) {
                closeConnection();
            }
        });
    }

    /** Closes the connection under the request at once, waking a read blocked on it. */
    public void cutConnection() {
        stopBody();
        closeConnection();
    }

    private void stopBody() {
        // Closing the connection alone wakes a read that is already waiting, but not one that starts waiting
        // just after: that one would wait for ever, holding the upload's lock. So the body is told first, or
        // when it is created if the handler has not come to it yet.
        cut = true;
        RequestBody reader = body;
        if (reader != null) {
            reader.cut();
        }
    }

    private void closeConnection() {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
    }

}
