package dev.carryon.client.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Internal: not part of the API. A response body read by the transfer's own thread, one batch of buffers
 * at a time (so memory stays bounded), where every wait ends when the transfer is stopped or when no byte
 * arrived for the stall timeout: a connection that went silent fails instead of hanging.
 */
public final class BodyChannel implements HttpResponse.BodySubscriber<BodyChannel>, AutoCloseable {
    private static final Object END = new Object();
    private static final long POLL_MILLIS = 50;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean closed;
    private Iterator<ByteBuffer> batch = List.<ByteBuffer>of().iterator();
    private boolean ended;

    /** A handler whose responses carry a {@code BodyChannel} as their body. */
    public static HttpResponse.BodyHandler<BodyChannel> handler() {
        return info -> new BodyChannel();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean wanted;
        synchronized (this) {
            subscription = s;
            wanted = !closed;
        }
        // The response reaches the caller before the body is subscribed (getBody completes at once), so a
        // body closed unread may be closed before this: it must then be cancelled here, or it never ends.
        if (wanted) {
            s.request(1);
        } else {
            s.cancel();
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        queue.add(failure);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public CompletionStage<BodyChannel> getBody() {
        return CompletableFuture.completedStage(this);
    }

    /**
     * The next bytes of the body, or null at its end. Fails with an {@link HttpTimeoutException} when nothing
     * arrived for {@code stall}, and with the stop signal when the transfer is stopped.
     */
    public ByteBuffer next(Duration stall, Cancellation cancellation) throws IOException, InterruptedException {
        long silentSince = System.nanoTime();
        while (!ended) {
            while (batch.hasNext()) {
                ByteBuffer buffer = batch.next();
                if (buffer.hasRemaining()) {
                    return buffer;
                }
            }
            Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (item == null) {
                if (cancellation.isCancelled()) {
                    close();
                    cancellation.throwIfCancelled();
                }
                if (System.nanoTime() - silentSince > stall.toNanos()) {
                    close();
                    throw new HttpTimeoutException("no bytes arrived for " + stall.toMillis() + " ms");
                }
            } else if (item == END) {
                ended = true;
            } else if (item instanceof Throwable failure) {
                ended = true;
                throw Failures.asIOException(failure);
            } else {
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) item;
                batch = buffers.iterator();
                silentSince = System.nanoTime();
                subscription().request(1);
            }
        }
        return null;
    }

    /** Stops receiving; the connection is given up. Safe to call more than once. */
    @Override
    public void close() {
        Flow.Subscription s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = ended ? null : subscription;
        }
        ended = true;
        if (s != null) {
            s.cancel();
        }
    }

    private synchronized Flow.Subscription subscription() {
        return subscription;
    }
}
