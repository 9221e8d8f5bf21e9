package dev.carryon.client;

import dev.carryon.client.internal.Cancellation;
import dev.carryon.client.internal.ClientContext;
import dev.carryon.client.internal.FileDownloadTransfer;
import dev.carryon.client.internal.FileUploadTransfer;
import dev.carryon.client.internal.StreamUploadTransfer;
import dev.carryon.client.internal.TusClient;
import dev.carryon.client.internal.Transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point of the SDK: uploads files and streams to tus servers and downloads files, resuming after
 * any failure. Build one with {@link #builder()} and share it: every transfer of a client uses its one
 * {@link HttpClient}, with its connection pool, and its settings. Safe for use by any number of threads.
 *
 * <pre>{@code
 * CarryonClient client = CarryonClient.builder().build();
 * FileUpload upload = client.upload(UploadRequest.builder(Path.of("talk.mp4"), URI.create("https://host/files/"))
 *         .parallelism(4).build());
 * URI url = upload.completionFuture().join().uploadUrl();
 * }</pre>
 *
 * <p>Transfers run on their own virtual threads; the methods that start them return at once with a
 * handle. {@link #close()} waits for the requests of running transfers to end; pause them first if they
 * should stop.
 */
public final class CarryonClient implements AutoCloseable {
    private final HttpClient http;
    private final boolean ownsHttpClient;
    private final ClientContext context;

    private CarryonClient(Builder b) {
        this.ownsHttpClient = b.httpClient == null;
        this.http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(b.version == null ? HttpClient.Version.HTTP_2 : b.version)
                .build();
        Transport transport = new Transport(http, b.authHeaders, b.requestTimeout, b.stallTimeout, b.userAgent, b.version);
        this.context = new ClientContext(new TusClient(transport), b.retryPolicy, b.checkpoints);
    }

    /** A builder with the defaults: HTTP/2 where TLS offers it, {@link RetryPolicy#DEFAULT}, checkpoints in the home directory. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts uploading a file, or continues an unfinished upload of it found in the checkpoint store. */
    public FileUpload upload(UploadRequest request) {
        return new FileUploadTransfer(context, request, null);
    }

    /** Continues the upload that {@link FileUpload#pause()} stopped; starts over if the file changed. */
    public FileUpload resumeUpload(ResumableFileUpload token) {
        return resumeUpload(token, new TransferListener() { });
    }

    /** Continues a paused upload, reporting to {@code listener}. */
    public FileUpload resumeUpload(ResumableFileUpload token, TransferListener listener) {
        UploadRequest.Builder request = UploadRequest.builder(token.file(), token.endpoint())
                .chunkSize(token.chunkSize())
                .parallelism(Math.max(1, token.parts().size()))
                .checksum(token.checksum())
                .listener(listener);
        request.metadata(token.metadata());
        return new FileUploadTransfer(context, request.build(), token);
    }

    /**
     * Starts a stream upload of unknown length: the upload is created at once (see
     * {@link StreamListener#ready}), and pushed bytes are sent as they come.
     */
    public StreamUpload stream(StreamRequest request) {
        return new StreamUploadTransfer(context, request, null, null);
    }

    /**
     * Continues a stream from a checkpoint: asks the server how much it has, sends what {@code provider}
     * supplies from there, and then what is pushed. If the checkpoint had ended, the upload completes once
     * the supplied bytes are sent. {@code request} gives the settings and listener; its endpoint and
     * metadata are taken from the checkpoint. If the checkpoint names no upload, or the server no longer
     * has it, a new upload is created and {@code provider} is asked for the bytes from 0.
     */
    public StreamUpload resumeStream(StreamCheckpoint checkpoint, PartDataProvider provider, StreamRequest request) {
        return new StreamUploadTransfer(context, request, checkpoint, provider);
    }

    /** Starts downloading a file, or continues an interrupted download of the same URL to the same path. */
    public FileDownload download(DownloadRequest request) {
        return new FileDownloadTransfer(context, request, null);
    }

    /** Continues the download that {@link FileDownload#pause()} stopped; starts over if the file changed. */
    public FileDownload resumeDownload(ResumableFileDownload token) {
        return resumeDownload(token, new TransferListener() { });
    }

    /** Continues a paused download, reporting to {@code listener}. */
    public FileDownload resumeDownload(ResumableFileDownload token, TransferListener listener) {
        DownloadRequest request = DownloadRequest.builder(token.url(), token.targetPath())
                .parallelism(Math.max(1, token.segments().size())).listener(listener).build();
        return new FileDownloadTransfer(context, request, token);
    }

    /** What the server says about an upload: offset, length, metadata. One attempt, no retries. */
    public UploadStatus status(URI uploadUrl) throws IOException, InterruptedException {
        return context.tus().head(uploadUrl, new Cancellation());
    }

    /** Deletes an upload (tus termination). An upload already gone counts as deleted. One attempt, no retries. */
    public void delete(URI uploadUrl) throws IOException, InterruptedException {
        context.tus().delete(uploadUrl, new Cancellation());
    }

    /** The checkpoint store this client's transfers use. */
    public CheckpointStore checkpoints() {
        return context.checkpoints();
    }

    /**
     * Releases the HTTP client if this client created it, once the requests of running transfers have ended
     * (it does not stop them: pause them first). Safe to call more than once.
     */
    @Override
    public void close() {
        if (ownsHttpClient) {
            http.close();
        }
    }

    /** Builds {@link CarryonClient}s. */
    public static final class Builder {
        private HttpClient httpClient;
        private HttpClient.Version version;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration stallTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private AuthHeaders authHeaders;
        private CheckpointStore checkpoints;
        private String userAgent = "carryon-client/0.1";

        private Builder() {
        }

        /** Uses this HTTP client instead of creating one; its connect timeout and version settings then apply. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client);
            return this;
        }

        /** Forces an HTTP version; by default {@code http:} URLs use HTTP/1.1 and {@code https:} ones negotiate HTTP/2. */
        public Builder httpVersion(HttpClient.Version version) {
            this.version = version;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** The longest wait for the response to a request without a long body, such as HEAD or POST (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /** How long a transfer request may go without any byte moving before it is abandoned and retried (default 60 s). */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = positive(timeout, "stall timeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** Adds credentials to every request; asked again after a {@code 401}. */
        public Builder authHeaders(AuthHeaders headers) {
            this.authHeaders = headers;
            return this;
        }

        /** Where checkpoints are kept (default {@link FileCheckpointStore#inUserHome()}). */
        public Builder checkpointStore(CheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store);
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        public CarryonClient build() {
            if (checkpoints == null) {
                checkpoints = FileCheckpointStore.inUserHome();
            }
            return new CarryonClient(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
