package dev.carryon.server;

import dev.carryon.core.disk.DiskStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Carryon server on a free loopback port over a fresh disk store, for tests. Close it in teardown:
 * closing stops the server and deletes its data directory.
 */
public final class TestServer implements AutoCloseable {
    private final CarryonServer server;
    private final Path dataDir;

    private TestServer(CarryonServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static TestServer start() throws Exception {
        return start(c -> c);
    }

    /** Starts a server with the test defaults adjusted by {@code configure}. */
    public static TestServer start(UnaryOperator<ServerConfig> configure) throws Exception {
        Path dir = Files.createTempDirectory("carryon-test");
        ServerConfig config = configure.apply(new ServerConfig("127.0.0.1", 0, dir, 0, Duration.ofHours(24),
                List.of("*"), Duration.ofSeconds(30)));
        return new TestServer(CarryonServer.start(config, new DiskStore(config.dataDir(), config.expireAfter())),
                config.dataDir());
    }

    public int port() {
        return server.port();
    }

    /** The upload collection URL, {@code http://127.0.0.1:PORT/files/}. */
    public URI filesUri() {
        return URI.create("http://127.0.0.1:" + port() + "/files/");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public Path dataDir() {
        return dataDir;
    }

    public CarryonServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
