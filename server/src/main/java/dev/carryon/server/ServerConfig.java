package dev.carryon.server;

import dev.carryon.server.http.MinimumDataRate;

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
 * @param minDataRate the slowest a request body may arrive before it is ended as broken
 */
public record ServerConfig(String host, int port, Path dataDir, long maxSize, Duration expireAfter,
                           List<String> corsOrigins, Duration idleTimeout, MinimumDataRate minDataRate) {

    /** The default minimum: 1 KiB/s averaged over 30 s, far below any real upload, fatal to a slow drip. */
    public static final MinimumDataRate DEFAULT_MIN_DATA_RATE = new MinimumDataRate(1024, Duration.ofSeconds(30));

    /** A configuration with the default minimum data rate. */
    public ServerConfig(String host, int port, Path dataDir, long maxSize, Duration expireAfter,
                        List<String> corsOrigins, Duration idleTimeout) {
        this(host, port, dataDir, maxSize, expireAfter, corsOrigins, idleTimeout, DEFAULT_MIN_DATA_RATE);
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 1080, Path.of("carryon-data"), 0, Duration.ofHours(24),
                List.of("*"), Duration.ofSeconds(60));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, maxSize, expireAfter, corsOrigins, idleTimeout, minDataRate);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(host, port, dir, maxSize, expireAfter, corsOrigins, idleTimeout, minDataRate);
    }

    public ServerConfig withMaxSize(long bytes) {
        return new ServerConfig(host, port, dataDir, bytes, expireAfter, corsOrigins, idleTimeout, minDataRate);
    }

    public ServerConfig withExpireAfter(Duration duration) {
        return new ServerConfig(host, port, dataDir, maxSize, duration, corsOrigins, idleTimeout, minDataRate);
    }

    public ServerConfig withIdleTimeout(Duration timeout) {
        return new ServerConfig(host, port, dataDir, maxSize, expireAfter, corsOrigins, timeout, minDataRate);
    }

    public ServerConfig withMinDataRate(MinimumDataRate rate) {
        return new ServerConfig(host, port, dataDir, maxSize, expireAfter, corsOrigins, idleTimeout, rate);
    }
}
