package dev.carryon.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A download of a file from a URL (typically an upload's URL) to a local path. Immutable; build one with
 * {@link #builder(URI, Path)}.
 *
 * <p>The bytes go to a partial file beside the target ({@code NAME.carryon-part}), in one stream or in
 * {@link Builder#parallelism(int) several ranges at once}; the target appears, complete and verified, only
 * at the end. An interrupted download is continued from its checkpoint by a later download of the same URL
 * to the same path, with {@code If-Range} making sure the file did not change meanwhile.
 */
public final class DownloadRequest {
    private final URI url;
    private final Path target;
    private final int parallelism;
    private final long bytesPerSecond;
    private final boolean resume;
    private final boolean verify;
    private final TransferListener listener;

    private DownloadRequest(Builder b) {
        this.url = b.url;
        this.target = b.target;
        this.parallelism = b.parallelism;
        this.bytesPerSecond = b.bytesPerSecond;
        this.resume = b.resume;
        this.verify = b.verify;
        this.listener = b.listener;
    }

    /** A download of {@code url} to {@code target}. */
    public static Builder builder(URI url, Path target) {
        return new Builder(url, target);
    }

    public URI url() {
        return url;
    }

    public Path target() {
        return target;
    }

    public int parallelism() {
        return parallelism;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    public boolean resume() {
        return resume;
    }

    /** Whether the file is checked against the digest the server offers ({@code Repr-Digest}), when it offers one. */
    public boolean verify() {
        return verify;
    }

    public TransferListener listener() {
        return listener;
    }

    /** Builds {@link DownloadRequest}s. */
    public static final class Builder {
        private final URI url;
        private final Path target;
        private int parallelism = 1;
        private long bytesPerSecond;
        private boolean resume = true;
        private boolean verify = true;
        private TransferListener listener = new TransferListener() { };

        private Builder(URI url, Path target) {
            this.url = Objects.requireNonNull(url, "url");
            this.target = Objects.requireNonNull(target, "target");
        }

        /** How many ranges are fetched at once (default 1); used when the server serves ranges. */
        public Builder parallelism(int connections) {
            if (connections < 1 || connections > 64) {
                throw new IllegalArgumentException("parallelism must be between 1 and 64");
            }
            this.parallelism = connections;
            return this;
        }

        /** Caps the download at {@code bytesPerSecond} over all its connections; 0 removes the cap. */
        public Builder rateLimit(long bytesPerSecond) {
            this.bytesPerSecond = Math.max(0, bytesPerSecond);
            return this;
        }

        /** Whether to continue an interrupted download of the same URL to the same path (default true). */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Whether to verify the file's digest when the server offers one (default true). */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        public Builder listener(TransferListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public DownloadRequest build() {
            return new DownloadRequest(this);
        }
    }
}
