package dev.carryon.server.api;

import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.Upload;
import dev.carryon.core.store.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells subscribers how far uploads are durably stored. For each upload that has at least one subscriber,
 * one virtual thread reads the store's offset — what the store has made durable, which for a large append
 * in progress grows while the request is still running — a few times a second, and at once when a request
 * that changed the upload ends. It publishes only changes. No thread runs for an upload nobody watches, and a
 * thousand listeners of one upload cost one reader.
 */
public final class ProgressHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressHub.class);
    /** How often an upload being written is looked at: fluid progress bars, negligible cost on a disk store. */
    static final Duration ACTIVE_INTERVAL = Duration.ofMillis(250);
    /** A complete upload changes only by being deleted, which a request's end signals; this catches expiry. */
    static final Duration SETTLED_INTERVAL = Duration.ofSeconds(5);

    private final UploadStore store;
    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ProgressHub(UploadStore store) {
        this.store = store;
    }

    /** Starts listening to {@code ids}; the current state of each comes first. Close the subscription when done. */
    Subscription subscribe(Collection<String> ids) {
        Subscription subscription = new Subscription(this, Set.copyOf(ids));
        subscriptions.add(subscription);
        if (closed) {
            subscription.end();
            return subscription;
        }
        for (String id : subscription.ids()) {
            Watch watch = watches.compute(id, (key, existing) -> {
                Watch w = existing != null ? existing : new Watch(key);
                w.add(subscription);
                return w;
            });
            watch.start(); // only once it has a listener: a reader without one ends at once
        }
        return subscription;
    }

    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
        for (String id : subscription.ids()) {
            watches.computeIfPresent(id, (key, watch) -> watch.remove(subscription) ? null : watch);
        }
    }

    /** Says that a request which may have changed the upload has ended, so it is looked at now. */
    public void changed(String id) {
        Watch watch = watches.get(id);
        if (watch != null) {
            watch.wake();
        }
    }

    /** Ends every subscription, so that event streams finish their responses and the server can stop. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::end);
        watches.values().forEach(Watch::wake);
    }

    /** The reader of one upload's state, alive while the upload has subscribers. */
    private final class Watch {
        private final String id;
        private final Set<Subscription> listeners = ConcurrentHashMap.newKeySet();
        private final Object signal = new Object();
        private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile ProgressState last;
        private boolean woken;

        Watch(String id) {
            this.id = id;
        }

        void start() {
            if (started.compareAndSet(false, true)) {
                Thread.ofVirtual().name("progress-" + id).start(this::run);
            }
        }

        /** Called inside the map's compute for this id, so never concurrently with {@link #remove}. */
        void add(Subscription subscription) {
            listeners.add(subscription);
            ProgressState known = last;
            if (known != null) {
                subscription.offer(known);
            }
        }

        /** Returns whether the watch has no listener left and so has ended. */
        boolean remove(Subscription subscription) {
            listeners.remove(subscription);
            if (listeners.isEmpty()) {
                wake();
                return true;
            }
            return false;
        }

        void wake() {
            synchronized (signal) {
                woken = true;
                signal.notifyAll();
            }
        }

        private void run() {
            try {
                while (!closed && !listeners.isEmpty()) {
                    ProgressState state = read();
                    if (state != null && !state.equals(last)) {
                        last = state;
                        listeners.forEach(l -> l.offer(state));
                    }
                    boolean settled = last != null && (last.complete() || last.terminated());
                    sleep(settled ? SETTLED_INTERVAL : ACTIVE_INTERVAL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The upload's state, or null if it could not be read this time (a failing store is retried). */
        private ProgressState read() {
            try {
                Optional<Upload> upload = store.find(id);
                if (upload.isEmpty()) {
                    return ProgressState.terminated(id);
                }
                UploadInfo info = upload.get().info();
                return ProgressState.of(info);
            } catch (dev.carryon.core.UploadException gone) {
                return ProgressState.terminated(id);
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not read the state of upload {}", id, e);
                return null;
            }
        }

        private void sleep(Duration interval) throws InterruptedException {
            synchronized (signal) {
                if (!woken) {
                    signal.wait(interval.toMillis());
                }
                woken = false;
            }
        }
    }
}
