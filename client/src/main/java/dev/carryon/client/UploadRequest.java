package dev.carryon.client;

import dev.carryon.client.internal.MetadataHeader;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An upload of one local file to a tus endpoint. Immutable; build one with {@link #builder(Path, URI)}.
 *
 * <p>With {@link Builder#parallelism(int) parallelism} above 1 and a server that offers
 * {@code concatenation}, the file is cut into that many ranges, uploaded as partial uploads over separate
 * connections, and joined by the server; otherwise it goes up as one stream of chunks. Unless
 * {@link Builder#resume(boolean) resume} is off, an upload of the same file to the same endpoint that an
 * earlier run left unfinished is continued, as long as the file is unchanged.
 */
public final class UploadRequest {
    /**
     * 256 MiB. Each request ends with the server forcing the bytes to disk and answering before the next
     * can start; at 64 MiB that pause cost a 1 GiB upload a third of its speed. A broken request costs only
     * the bytes in flight (the server keeps what arrived), except with checksums, where the server discards
     * the whole chunk: choose a smaller chunk there for a bad network.
     */
    public static final long DEFAULT_CHUNK_SIZE = 256L << 20;

    private final Path file;
    private final URI endpoint;
    private final long chunkSize;
    private final int parallelism;
    private final Map<String, String> metadata;
    private final ChecksumAlgorithm checksum;
    private final long bytesPerSecond;
    private final boolean resume;
    private final TransferListener listener;

    private UploadRequest(Builder b) {
        this.file = b.file;
        this.endpoint = b.endpoint;
        this.chunkSize = b.chunkSize;
        this.parallelism = b.parallelism;
        this.metadata = Map.copyOf(b.metadata);
        this.checksum = b.checksum;
        this.bytesPerSecond = b.bytesPerSecond;
        this.resume = b.resume;
        this.listener = b.listener;
    }

    /** An upload of {@code file} to the tus endpoint {@code endpoint} (e.g. {@code http://host/files/}). */
    public static Builder builder(Path file, URI endpoint) {
        return new Builder(file, endpoint);
    }

    public Path file() {
        return file;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long chunkSize() {
        return chunkSize;
    }

    public int parallelism() {
        return parallelism;
    }

    /** The metadata; {@code filename} is the file's name unless set otherwise. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The per-chunk checksum algorithm, or null for none. */
    public ChecksumAlgorithm checksum() {
        return checksum;
    }

    /** The rate limit in bytes per second, or 0 for none. */
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    public boolean resume() {
        return resume;
    }

    public TransferListener listener() {
        return listener;
    }

    /** Builds {@link UploadRequest}s. */
    public static final class Builder {
        private final Path file;
        private final URI endpoint;
        private long chunkSize = DEFAULT_CHUNK_SIZE;
        private int parallelism = 1;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private ChecksumAlgorithm checksum;
        private long bytesPerSecond;
        private boolean resume = true;
        private TransferListener listener = new TransferListener() { };

        private Builder(Path file, URI endpoint) {
            this.file = Objects.requireNonNull(file, "file");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            Path name = file.getFileName();
            if (name != null) {
                metadata.put("filename", name.toString());
            }
        }

        /** The most bytes sent in one request (default 256 MiB); a fault costs at most this much again. */
        public Builder chunkSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunk size must be positive");
            }
            this.chunkSize = bytes;
            return this;
        }

        /** How many connections upload parts of the file at once (default 1). */
        public Builder parallelism(int connections) {
            if (connections < 1 || connections > 64) {
                throw new IllegalArgumentException("parallelism must be between 1 and 64");
            }
            this.parallelism = connections;
            return this;
        }

        /** Adds a metadata pair; the value may be any text, it is sent as UTF-8 in Base64. */
        public Builder metadata(String key, String value) {
            metadata.put(MetadataHeader.checkKey(key), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder metadata(Map<String, String> pairs) {
            pairs.forEach(this::metadata);
            return this;
        }

        /** Sends a checksum with every chunk, which the server verifies before storing it. */
        public Builder checksum(ChecksumAlgorithm algorithm) {
            this.checksum = algorithm;
            return this;
        }

        /** Caps the transfer at {@code bytesPerSecond} over all its connections; 0 removes the cap. */
        public Builder rateLimit(long bytesPerSecond) {
            this.bytesPerSecond = Math.max(0, bytesPerSecond);
            return this;
        }

        /** Whether to continue an unfinished upload of the same file found in the checkpoint store (default true). */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder listener(TransferListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public UploadRequest build() {
            return new UploadRequest(this);
        }
    }
}
