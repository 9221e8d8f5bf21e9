package dev.carryon.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Interim (1xx) responses that carry header fields, such as {@code 104 Upload Resumption Supported} with a
 * {@code Location}, sent while the request body is still to come or arriving.
 *
 * <p>Jetty 12.1 offers {@link Response#writeInterim}, but on HTTP/1.1 its generator writes header fields
 * only for 103 and uses the bare number as the reason phrase of codes it does not know: a 104 would reach
 * the client as {@code HTTP/1.1 104 104} with no {@code Location}, worthless to it. So on HTTP/1.1 the
 * interim response is written to the connection here, whole. That is safe because, before the final
 * response, the only other writer is Jetty's own {@code 100 Continue}: it is sent first, through Jetty and
 * waited for, and from then on Jetty writes nothing until the final response, which callers start only
 * after their last interim response was written. Interim responses are never sent to HTTP/1.0 clients
 * (RFC 9110, section 15.2); on other versions Jetty's own method is used.
 */
public final class InterimResponses {
    private final Request request;
    private final Response response;
    private boolean continueSettled;

    InterimResponses(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    /**
     * Sends one interim response and returns once it is written; false if none can be sent (an HTTP/1.0
     * client, a response already under way, a connection that failed). Calls are serialised.
     */
    public synchronized boolean send(int status, String reason, HttpFields fields) throws IOException {
        if (status < 102 || status > 199 || response.isCommitted()) {
            return false;
        }
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        if (version == HttpVersion.HTTP_0_9 || version == HttpVersion.HTTP_1_0) {
            return false;
        }
        settleContinue();
        try {
            if (version == HttpVersion.HTTP_1_1) {
                try (Blocker.Callback written = Blocker.callback()) {
                    request.getConnectionMetaData().getConnection().getEndPoint()
                            .write(written, ByteBuffer.wrap(http11(status, reason, fields)));
                    written.block();
                }
            } else {
                response.writeInterim(status, fields).get();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending an interim response");
        } catch (ExecutionException | IOException failed) {
            return false; // the connection is gone; reading the body will tell the handler so
        }
    }

    /**
     * Answers an {@code Expect: 100-continue} before anything else is written, so that Jetty's own
     * {@code 100 Continue} can never overlap a write of ours. Call before the body is read.
     */
    public synchronized void settleContinue() throws IOException {
        if (continueSettled) {
            return;
        }
        continueSettled = true;
        if (!request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            return;
        }
        try {
            response.writeInterim(100, HttpFields.EMPTY).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending 100 Continue");
        } catch (ExecutionException notExpected) {
            // Jetty already answered the expectation, or the request has no body: nothing to send.
        }
    }

    /** The bytes of an HTTP/1.1 interim response; a field value with a line break is refused, not sent. */
    static byte[] http11(int status, String reason, HttpFields fields) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (HttpField field : fields) {
            String value = field.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || field.getName().indexOf(':') >= 0) {
                throw new IllegalArgumentException("not a valid field: " + field.getName());
            }
            head.append(field.getName()).append(": ").append(value).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
