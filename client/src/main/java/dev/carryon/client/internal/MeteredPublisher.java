package dev.carryon.client.internal;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: not part of the API. The body of an upload request as the HTTP client pulls it: one buffer per
 * unit of demand, each metered (counted, rate-limited, marking the request as active). A stopped transfer
 * fails the body, which aborts the request. Each subscription reads the body from its start.
 */
final class MeteredPublisher implements Flow.Publisher<ByteBuffer> {
    /** The most bytes handed to the HTTP client at once; see {@code FileRange} for why so few. */
    private static final int MAX_BUFFER = 64 * 1024;

    private final RequestBody body;
    private final Metering metering;
    private final Activity activity;

    MeteredPublisher(RequestBody body, Metering metering, Activity activity) {
        this.body = body;
        this.metering = metering;
        this.activity = activity;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        RequestBody.Cursor cursor;
        try {
            cursor = body.source().open();
        } catch (Exception e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(e);
            return;
        }
        subscriber.onSubscribe(new Emitter(subscriber, cursor));
    }

    /** Emits on demand, one thread at a time: whoever raises the demand drains it unless another already does. */
    private final class Emitter implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final RequestBody.Cursor cursor;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean done;

        Emitter(Flow.Subscriber<? super ByteBuffer> subscriber, RequestBody.Cursor cursor) {
            this.subscriber = subscriber;
            this.cursor = cursor;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                finish(new IllegalArgumentException("demand must be positive"));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && demand.get() > 0) {
                    emitOne();
                }
            } while (draining.decrementAndGet() != 0);
        }

        private void emitOne() {
            try {
                if (metering.cancellation().isCancelled()) {
                    throw new InterruptedIOException("the transfer was stopped");
                }
                ByteBuffer next = cursor.next(metering.limiter() == null ? MAX_BUFFER : metering.limiter().stepSize(MAX_BUFFER));
                if (next == null) {
                    finish(null);
                    return;
                }
                metering.moved(next.remaining(), activity);
                demand.decrementAndGet();
                subscriber.onNext(next);
            } catch (InterruptedException | CancellationException stopped) {
                finish(new InterruptedIOException("the transfer was stopped"));
            } catch (Exception e) {
                finish(e);
            }
        }

        private void finish(Throwable failure) {
            if (done) {
                return;
            }
            done = true;
            cursor.close();
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                cursor.close();
            }
        }
    }
}
