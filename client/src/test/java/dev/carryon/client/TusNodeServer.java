package dev.carryon.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * {@code @tus/server} with its file store under Node.js (the benchmark peer in {@code bench/peers}), for
 * interoperability tests. When Node or the npm packages are missing, the calling test is skipped with a
 * message that says how to install them; it never passes without running. Close it in teardown.
 */
final class TusNodeServer implements AutoCloseable {
    /** Run from the repository root; installs exactly what package-lock.json pins. */
    static final String INSTALL = "npm ci --prefix bench/peers";

    private final Process process;
    private final int port;
    private final Path directory;

    private TusNodeServer(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** Starts the server on a free port, storing uploads in {@code directory}; skips the test if it cannot run. */
    static TusNodeServer start(Path directory) throws IOException, InterruptedException {
        Path peers = Path.of(System.getProperty("basedir", "."), "..", "bench", "peers").toAbsolutePath().normalize();
        if (!nodeWorks()) {
            abort("Node.js is not installed: install Node 18 or newer with npm (e.g. `apt-get install nodejs npm`),"
                    + " then run `" + INSTALL + "` in the repository root");
        }
        if (!Files.isRegularFile(peers.resolve("node_modules/@tus/server/package.json"))) {
            abort("@tus/server is not installed in " + peers + ": run `" + INSTALL + "` in the repository root");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process node = new ProcessBuilder("node", "tus-node-server.mjs", Integer.toString(port), directory.toString())
                .directory(peers.toFile()).redirectErrorStream(true).redirectOutput(directory.resolveSibling("tus-node.log").toFile())
                .start();
        TusNodeServer server = new TusNodeServer(node, port, directory);
        server.awaitListening();
        return server;
    }

    URI filesUri() {
        return URI.create("http://127.0.0.1:" + port + "/files/");
    }

    /** The file the store keeps an upload's bytes in. */
    Path storedFile(URI upload) {
        String path = upload.getPath();
        return directory.resolve(path.substring(path.lastIndexOf('/') + 1));
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    http.send(HttpRequest.newBuilder(filesUri()).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
        }
        close();
        throw new IOException("@tus/server did not start: " + Files.readString(directory.resolveSibling("tus-node.log"),
                StandardCharsets.UTF_8));
    }

    private static boolean nodeWorks() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notOnPath) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
