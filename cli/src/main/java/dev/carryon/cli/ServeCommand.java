package dev.carryon.cli;

import dev.carryon.core.disk.DiskStore;
import dev.carryon.server.CarryonServer;
import dev.carryon.server.ServerConfig;
import picocli.CommandLine.Command;
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

    @Option(names = "--store", defaultValue = "disk", description = "Where uploads are kept: disk (default).")
    String store;

    @Option(names = "--max-size", description = "Largest upload accepted, e.g. 10G (default: no limit).")
    ByteSize maxSize;

    @Option(names = "--expire-after", defaultValue = "24h",
            description = "Remove unfinished uploads this long after their last change; 0 keeps them (default: ${DEFAULT-VALUE}).")
    Duration expireAfter;

    @Option(names = "--cors-origins", split = ",", defaultValue = "*",
            description = "Origins allowed to use the server from a browser, comma-separated, or * (default: ${DEFAULT-VALUE}).")
    List<String> corsOrigins;

    @Option(names = "--idle-timeout", defaultValue = "60s", hidden = true,
            description = "Close connections silent for this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Override
    public Integer call() throws Exception {
        if (!store.equals("disk")) {
            System.err.println("carryon: unknown store '" + store + "'; this build supports: disk");
            return 2;
        }
        ServerConfig config = new ServerConfig(host, port, data, maxSize == null ? 0 : maxSize.bytes(),
                expireAfter, corsOrigins, idleTimeout);
        DiskStore diskStore;
        try {
            diskStore = new DiskStore(data, expireAfter);
        } catch (IllegalStateException inUse) {
            System.err.println("carryon: " + inUse.getMessage());
            return 1;
        }
        CarryonServer server;
        try {
            server = CarryonServer.start(config, diskStore);
        } catch (java.io.IOException bindFailed) {
            diskStore.close();
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
                + diskStore.describe() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
