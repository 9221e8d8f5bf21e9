package dev.carryon.server;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * nginx, the peer downloads are compared with, as a child process serving one directory on a free loopback
 * port. Everything it writes (configuration, pid file, logs, temporary files) stays in its own temporary
 * directory. Close it in teardown: that stops the process.
 */
final class Nginx implements AutoCloseable {
    static final String INSTALL_HINT = "nginx is not installed: apt-get install nginx-light";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The nginx binary, or null if there is none: Debian puts it in /usr/sbin, which may not be on PATH. */
    static Path binary() {
        Stream<String> dirs = Stream.concat(Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nginx")).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    /**
     * Starts nginx serving {@code root}; aborts the calling test or class (skipped, with how to install it)
     * when nginx is not installed.
     *
     * @param directives extra directives for the http block, such as {@code max_ranges 64;}
     */
    static Nginx serve(Path root, String directives) throws Exception {
        Path binary = binary();
        Assumptions.assumeTrue(binary != null, INSTALL_HINT);
        Path dir = Files.createTempDirectory("carryon-nginx");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port may be taken before nginx binds it
            int port = freePort();
            Files.deleteIfExists(dir.resolve("nginx.pid"));
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(dir, root, port, directives));
            Process process = new ProcessBuilder(binary.toString(), "-p", dir + "/", "-c", conf.toString(),
                    "-e", dir.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
            Nginx nginx = new Nginx(process, port, dir);
            try {
                nginx.awaitListening();
                return nginx;
            } catch (IOException failed) {
                nginx.close();
                last = failed;
            }
        }
        throw last;
    }

    private static String config(Path dir, Path root, int port, String directives) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    default_type application/octet-stream;
                    %4$s
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(dir, port, root, directives);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + logs());
            }
            // nginx writes its pid file only after it has bound its port, so the port is nginx's own.
            if (Files.exists(dir.resolve("nginx.pid"))) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    // still starting
                }
            }
            Thread.sleep(20);
        }
        throw new IOException("nginx did not listen on port " + port + " within " + START_TIMEOUT + ": " + logs());
    }

    private String logs() {
        StringBuilder s = new StringBuilder();
        for (String name : new String[] {"console.log", "error.log"}) {
            try {
                s.append(Files.readString(dir.resolve(name)));
            } catch (IOException none) {
                // not written
            }
        }
        return s.toString();
    }

    int port() {
        return port;
    }

    /** Stops nginx (TERM, then KILL if it lingers), waits for it to exit and removes its directory. */
    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        deleteTree(dir);
    }

    /** Deletes a directory and everything in it. */
    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
