package dev.carryon.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run a server.
 *
 * @param host        address to bind
 * @param port        port to bind, 0 for any free port
 * @param dataDir     where the disk store keeps uploads
 * @param maxSize     largest upload in bytes, 0 for no limit
 * @param expireAfter how long an unfinished upload is kept after its last change; zero keeps it for ever
 * @param corsOrigins origins allowed to use the server from a browser, {@code *} for any
 * @param idleTimeout how long a connection may stay silent, also in the middle of a body
 */
public record ServerConfig(String host, int port, Path dataDir, long maxSize, Duration expireAfter,
                           List<String> corsOrigins, Duration idleTimeout) {

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 1080, Path.of("carryon-data"), 0, Duration.ofHours(24),
                List.of("*"), Duration.ofSeconds(60));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, maxSize, expireAfter, corsOrigins, idleTimeout);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(host, port, dir, maxSize, expireAfter, corsOrigins, idleTimeout);
    }

    public ServerConfig withMaxSize(long bytes) {
        return new ServerConfig(host, port, dataDir, bytes, expireAfter, corsOrigins, idleTimeout);
    }

    public ServerConfig withExpireAfter(Duration duration) {
        return new ServerConfig(host, port, dataDir, maxSize, duration, corsOrigins, idleTimeout);
    }
}
