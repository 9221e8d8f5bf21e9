package dev.carryon.client.internal;

import dev.carryon.client.CheckpointStore;
import dev.carryon.client.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal: not part of the API. What every transfer of one client shares: the protocol calls, the retry
 * policy, the checkpoint store, and what each endpoint offers (asked once per endpoint).
 */
public final class ClientContext {
    private final TusClient tus;
    private final RetryPolicy retryPolicy;
    private final CheckpointStore checkpoints;
    private final Map<URI, ServerCapabilities> capabilities = new ConcurrentHashMap<>();

    public ClientContext(TusClient tus, RetryPolicy retryPolicy, CheckpointStore checkpoints) {
        this.tus = tus;
        this.retryPolicy = retryPolicy;
        this.checkpoints = checkpoints;
    }

    public TusClient tus() {
        return tus;
    }

    public Transport transport() {
        return tus.transport();
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** What {@code endpoint} offers, from a cached {@code OPTIONS} answer or a new one (retried). */
    public ServerCapabilities capabilities(URI endpoint, Backoff backoff, Cancellation cancellation)
            throws IOException, InterruptedException {
        ServerCapabilities known = capabilities.get(endpoint);
        if (known != null) {
            return known;
        }
        ServerCapabilities asked = backoff.retry(() -> tus.options(endpoint, cancellation));
        capabilities.put(endpoint, asked);
        return asked;
    }
}
