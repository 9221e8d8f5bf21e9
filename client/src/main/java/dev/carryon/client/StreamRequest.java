package dev.carryon.client;

import dev.carryon.client.internal.MetadataHeader;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A stream upload of unknown length to a tus endpoint that offers {@code creation-defer-length}. Immutable;
 * build one with {@link #builder(URI)}.
 *
 * <p>Bytes go out in chunks of up to {@link #chunkSize()} bytes; a chunk goes out earlier once its first
 * byte has waited {@link #linger()}, so that a slow recording reaches the server with little delay.
 */
public final class StreamRequest {
    private final URI endpoint;
    private final int chunkSize;
    private final long bufferSize;
    private final Duration linger;
    private final Map<String, String> metadata;
    private final long bytesPerSecond;
    private final StreamListener listener;

    private StreamRequest(Builder b) {
        this.endpoint = b.endpoint;
        this.chunkSize = b.chunkSize;
        this.bufferSize = Math.max(b.bufferSize, 2L * b.chunkSize);
        this.linger = b.linger;
        this.metadata = Map.copyOf(b.metadata);
        this.bytesPerSecond = b.bytesPerSecond;
        this.listener = b.listener;
    }

    /** A stream to the tus endpoint {@code endpoint} (e.g. {@code http://host/files/}). */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** The most bytes held in memory, at least two chunks. */
    public long bufferSize() {
        return bufferSize;
    }

    public Duration linger() {
        return linger;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    public StreamListener listener() {
        return listener;
    }

    /** Builds {@link StreamRequest}s. */
    public static final class Builder {
        private final URI endpoint;
        private int chunkSize = 8 << 20;
        private long bufferSize = 32L << 20;
        private Duration linger = Duration.ofSeconds(1);
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private long bytesPerSecond;
        private StreamListener listener = new StreamListener() { };

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /** The most bytes sent in one request (default 8 MiB). */
        public Builder chunkSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunk size must be positive");
            }
            this.chunkSize = bytes;
            return this;
        }

        /** The most bytes held in memory (default 32 MiB, at least two chunks); {@code push} waits beyond it. */
        public Builder bufferSize(long bytes) {
            this.bufferSize = bytes;
            return this;
        }

        /** How long the first byte of a chunk may wait for the chunk to fill before it is sent anyway (default 1 s). */
        public Builder linger(Duration linger) {
            this.linger = Objects.requireNonNull(linger);
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(MetadataHeader.checkKey(key), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder metadata(Map<String, String> pairs) {
            pairs.forEach(this::metadata);
            return this;
        }

        /** Caps the upload at {@code bytesPerSecond}; 0 removes the cap. */
        public Builder rateLimit(long bytesPerSecond) {
            this.bytesPerSecond = Math.max(0, bytesPerSecond);
            return this;
        }

        public Builder listener(StreamListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public StreamRequest build() {
            return new StreamRequest(this);
        }
    }
}
