package dev.carryon.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request body as a blocking {@link InputStream}, read on the request's (virtual) thread. Unlike Jetty's
 * own adapter it keeps the trailer fields that may follow a chunked body, where tus
 * {@code checksum-trailer} sends {@code Upload-Checksum}.
 */
public final class RequestBody extends InputStream {
    /** A failure to read the body from the client: the connection broke, timed out, or was cut. */
    public static final class BrokenBodyException extends IOException {
        BrokenBodyException(Throwable cause) {
            super("the request body could not be read to its end", cause);
        }
    }

    private final Content.Source source;
    private final MinimumDataRate minimumRate;
    /** When the current rate window ends (nanoTime), 0 before the first read. */
    private long windowEnd;
    private long windowBytes;
    private Content.Chunk chunk;
    private HttpFields trailers;
    private boolean ended;
    private volatile boolean cut;
    /** Answered by Jetty when content is available; kept until then, as Jetty takes one demand at a time. */
    private CompletableFuture<Void> demanded;
    /** Completed by {@link #cut}, to wake a read that is waiting. */
    private final CompletableFuture<Void> woken = new CompletableFuture<>();
    /** How long a body that was cut may stay silent before it is taken to have ended. */
    private static final Duration QUIET_AFTER_CUT = Duration.ofMillis(100);

    public RequestBody(Content.Source source) {
        this(source, MinimumDataRate.NONE);
    }

    /** A body that is ended as broken once it arrives slower than {@code minimumRate}. */
    public RequestBody(Content.Source source, MinimumDataRate minimumRate) {
        this.source = source;
        this.minimumRate = minimumRate;
    }

    /**
     * Ends the body from another thread: from now on a read that finds no bytes waits only a moment for
     * bytes still in flight, then fails with {@link BrokenBodyException}. Every byte received is read.
     */
    public void cut() {
        cut = true;
        woken.complete(null);
    }

    /** The trailer fields, once the body has been read to its end; null if there were none. */
    public HttpFields trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (chunk != null) {
                ByteBuffer buffer = chunk.getByteBuffer();
                if (buffer.hasRemaining()) {
                    int n = Math.min(len, buffer.remaining());
                    buffer.get(bytes, off, n);
                    windowBytes += n;
                    return n;
                }
                boolean last = chunk.isLast();
                chunk.release();
                chunk = null;
                if (last) {
                    ended = true;
                }
            }
            if (ended) {
                return -1;
            }
            chunk = nextChunk();
        }
    }

    private Content.Chunk nextChunk() throws IOException {
        while (true) {
            checkRate();
            Content.Chunk next = source.read();
            if (next == null) {
                awaitContent();
                continue;
            }
            if (Content.Chunk.isFailure(next)) {
                Throwable failure = next.getFailure();
                if (next.isLast()) {
                    ended = true;
                }
                throw new BrokenBodyException(failure);
            }
            if (next instanceof Trailers t) {
                trailers = t.getTrailers();
            }
            return next;
        }
    }

    /**
     * Waits until Jetty has more content (or a failure) to read. After {@link #cut} it waits only a moment:
     * bytes still in flight from a client that is sending are taken in, a silent client is given up on.
     */
    private void awaitContent() throws IOException {
        if (demanded == null || demanded.isDone()) {
            // Jetty takes one demand at a time: a new one only once the last was answered.
            CompletableFuture<Void> answer = new CompletableFuture<>();
            demanded = answer;
            source.demand(() -> answer.complete(null));
        }
        try {
            if (cut) {
                demanded.get(QUIET_AFTER_CUT.toMillis(), TimeUnit.MILLISECONDS);
            } else if (minimumRate.enabled()) {
                // Wakes at the end of the window at the latest, for checkRate to judge it.
                long wait = Math.max(1, windowEnd - System.nanoTime());
                try {
                    CompletableFuture.anyOf(demanded, woken).get(wait, TimeUnit.NANOSECONDS);
                } catch (TimeoutException windowOver) {
                    return;
                }
            } else {
                CompletableFuture.anyOf(demanded, woken).get();
            }
        } catch (TimeoutException quiet) {
            throw ended();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokenBodyException(e);
        } catch (ExecutionException e) {
            throw new BrokenBodyException(e.getCause());
        }
    }

    /**
     * Ends the body as broken when the window that just closed brought fewer bytes than the minimum rate
     * asks for; the first call starts the first window.
     */
    private void checkRate() throws BrokenBodyException {
        if (!minimumRate.enabled()) {
            return;
        }
        long now = System.nanoTime();
        if (windowEnd == 0) {
            windowEnd = now + minimumRate.window().toNanos();
            windowBytes = 0;
        } else if (now - windowEnd >= 0) {
            if (windowBytes < minimumRate.bytesPerWindow()) {
                throw new BrokenBodyException(new TimeoutException("the request body arrived slower than "
                        + minimumRate));
            }
            windowEnd = now + minimumRate.window().toNanos();
            windowBytes = 0;
        }
    }

    private static BrokenBodyException ended() {
        return new BrokenBodyException(new IOException("the request was ended by the server"));
    }

    @Override
    public int available() {
        return chunk == null ? 0 : chunk.remaining();
    }

    @Override
    public void close() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
    }
}
