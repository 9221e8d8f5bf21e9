package dev.carryon.s3;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * S3Proxy (from Maven Central) in this JVM on a free loopback port, keeping its objects in files under a
 * temporary directory: a real S3 API server for tests. One is started per JVM, on first use, and every test
 * takes a fresh bucket of it; it stops and its files go when the JVM exits.
 */
public final class S3ProxyServer {
    public static final String ACCESS_KEY = "carryon-test-access-key";
    public static final String SECRET_KEY = "carryon-test-secret-key";
    private static S3ProxyServer shared;

    private final S3Proxy proxy;
    private final S3Service service;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.service = new S3Service(endpoint, ACCESS_KEY, SECRET_KEY, S3Provider.GENERIC);
    }

    /** The server of this JVM, started on first use. */
    public static synchronized S3Service shared() {
        if (shared == null) {
            shared = start();
        }
        return shared.service;
    }

    private static S3ProxyServer start() {
        try {
            Path dir = Files.createTempDirectory("carryon-s3proxy");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", dir.toString());
            properties.setProperty("jclouds.identity", ACCESS_KEY);
            properties.setProperty("jclouds.credential", SECRET_KEY);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem-nio2", properties))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            S3ProxyServer server = new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(dir), "s3proxy-stop"));
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    private void stop(Path dir) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // the JVM is exiting anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
