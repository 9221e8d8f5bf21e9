package dev.carryon.cli;

import dev.carryon.core.disk.DiskStore;
import dev.carryon.core.store.UploadStore;
import dev.carryon.server.CarryonServer;
import dev.carryon.server.ServerConfig;
import dev.carryon.server.http.MinimumDataRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code carryon serve}: runs the server until SIGTERM or Ctrl-C, then stops gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Carryon server: tus uploads at /files/, downloads, health and metrics.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "1080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "carryon-data", description = "Directory of the disk store (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--store", defaultValue = "disk",
            description = "Where uploads are kept: disk (default, in --data) or s3 (see the --s3 options).")
    String store;

    @Mixin
    S3Options s3;

    @Option(names = "--max-size", description = "Largest upload accepted, e.g. 10G (default: no limit).")
    ByteSize maxSize;

    @Option(names = "--expire-after", defaultValue = "24h",
            description = "Remove unfinished uploads this long after their last change; 0 keeps them (default: ${DEFAULT-VALUE}).")
    Duration expireAfter;

    @Option(names = "--cors-origins", split = ",", defaultValue = "*",
            description = "Origins allowed to use the server from a browser, comma-separated, or * (default: ${DEFAULT-VALUE}).")
    List<String> corsOrigins;

    @Option(names = "--idle-timeout", defaultValue = "60s",
            description = "Close connections silent for this long, also in the middle of a request (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--min-data-rate", defaultValue = "1K",
            description = "End a request body that arrives slower than this many bytes per second, averaged over"
                    + " --data-rate-window; what arrived is kept; 0 turns the check off (default: ${DEFAULT-VALUE}).")
    ByteSize minDataRate;

    @Option(names = "--data-rate-window", defaultValue = "30s",
            description = "How long each measurement of --min-data-rate lasts (default: ${DEFAULT-VALUE}).")
    Duration dataRateWindow;

    @Override
    public Integer call() throws Exception {
        if (idleTimeout.isZero() || dataRateWindow.isZero()) {
            System.err.println("carryon: --idle-timeout and --data-rate-window must be longer than 0");
            return 2;
        }
        ServerConfig config = new ServerConfig(host, port, data, maxSize == null ? 0 : maxSize.bytes(),
                expireAfter, corsOrigins, idleTimeout, new MinimumDataRate(minDataRate.bytes(), dataRateWindow));
        UploadStore uploadStore;
        try {
            uploadStore = openStore();
        } catch (IllegalArgumentException wrong) {
            System.err.println("carryon: " + wrong.getMessage());
            return 2;
        } catch (IllegalStateException | java.io.IOException unusable) {
            System.err.println("carryon: " + unusable.getMessage());
            return 1;
        }
        CarryonServer server;
        try {
            server = CarryonServer.start(config, uploadStore);
        } catch (java.io.IOException bindFailed) {
            uploadStore.close();
            System.err.println("carryon: cannot listen on " + host + ":" + port + ": " + bindFailed.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("carryon: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "carryon-shutdown"));
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        System.out.println("Carryon listening on http://" + shownHost + ":" + server.port() + "/files/ ("
                + uploadStore.describe() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The store the options name.
     *
     * @throws IllegalArgumentException for options that do not fit together
     * @throws IllegalStateException    if another process uses the data directory
     * @throws java.io.IOException      if the S3 bucket cannot be used (the message says why)
     */
    private UploadStore openStore() throws java.io.IOException {
        return switch (store) {
            case "disk" -> {
                if (s3.given()) {
                    throw new IllegalArgumentException("the --s3 options need --store s3");
                }
                yield new DiskStore(data, expireAfter);
            }
            case "s3" -> s3.open(expireAfter);
            default -> throw new IllegalArgumentException("unknown store '" + store + "'; use disk or s3");
        };
    }
}
