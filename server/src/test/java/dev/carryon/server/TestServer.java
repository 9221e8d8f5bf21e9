package dev.carryon.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Carryon server on a free loopback port over a fresh store, for tests: a disk store, or the one
 * {@link TestStore} configures. Close it in teardown: closing stops the server and deletes what it stored.
 */
public final class TestServer implements AutoCloseable {
    private final CarryonServer server;
    private final Path dataDir;
    private final TestStore store;

    private TestServer(CarryonServer server, Path dataDir, TestStore store) {
        this.server = server;
        this.dataDir = dataDir;
        this.store = store;
    }

    public static TestServer start() throws Exception {
        return start(c -> c);
    }

    /** Starts a server with the test defaults adjusted by {@code configure}. */
    public static TestServer start(UnaryOperator<ServerConfig> configure) throws Exception {
        Path dir = Files.createTempDirectory("carryon-test");
        ServerConfig config = configure.apply(new ServerConfig("127.0.0.1", 0, dir, 0, Duration.ofHours(24),
                List.of("*"), Duration.ofSeconds(30)));
        TestStore store = TestStore.configured();
        return new TestServer(CarryonServer.start(config, store.open(config)), config.dataDir(), store);
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

    /** The names of everything the store keeps (files of the disk store, objects of others). */
    public List<String> storedNames() throws java.io.IOException {
        return store.names();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        store.delete();
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
