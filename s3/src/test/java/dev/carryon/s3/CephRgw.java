package dev.carryon.s3;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Ceph RADOS Gateway for the heavier suite: a one-node cluster keeping its data in memory, started by
 * {@code scripts/rgw.sh} once per JVM on free ports and stopped when the JVM exits. Where the Debian
 * packages are missing, the calling test is skipped with the command that installs them.
 */
final class CephRgw {
    static final String INSTALL = "apt-get install radosgw ceph-mon ceph-osd";
    private static S3Service shared;

    private CephRgw() {
    }

    static synchronized S3Service shared() {
        if (shared == null) {
            if (!Files.isExecutable(Path.of("/usr/bin/radosgw")) || !Files.isExecutable(Path.of("/usr/bin/ceph-mon"))) {
                abort("Ceph RGW is not installed: run `" + INSTALL + "` (Debian or Ubuntu) to run these tests on it");
            }
            shared = start();
        }
        return shared;
    }

    /** Starts the gateway, trying twice: a one-node cluster now and then fails to come up at the first go. */
    private static S3Service start() {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return startOnce();
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static S3Service startOnce() {
        try {
            Path script = findScript();
            Path dir = Files.createTempDirectory("carryon-rgw");
            int rgwPort = freePort();
            int monPort = freePort();
            while (monPort == rgwPort) {
                monPort = freePort();
            }
            Process start = new ProcessBuilder(script.toString(), "start", dir.toString(),
                    Integer.toString(rgwPort), Integer.toString(monPort)).redirectErrorStream(true).start();
            boolean ended = start.waitFor(120, TimeUnit.SECONDS);
            String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int at = output.lastIndexOf("endpoint ");
            if (!ended || start.exitValue() != 0 || at < 0) {
                start.destroyForcibly();
                stop(script, dir, false);
                throw new IllegalStateException("Ceph RGW did not start (" + (ended ? "exit " + start.exitValue()
                        : "still starting after 120 s") + "): " + output + "; its logs are in " + dir.resolve("log"));
            }
            String[] words = output.substring(at).split("\\s+");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, dir, true), "rgw-stop"));
            return new S3Service(URI.create(words[1]), words[3], words[5], S3Provider.CEPH);
        } catch (IOException e) {
            throw new IllegalStateException("Ceph RGW did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Ceph RGW started", e);
        }
    }

    private static void stop(Path script, Path dir, boolean delete) {
        try {
            new ProcessBuilder(script.toString(), "stop", dir.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            if (delete) {
                new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException ignored) {
            // the JVM is exiting anyway
        }
    }

    /** {@code scripts/rgw.sh} of the repository, found from the module the tests run in. */
    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts/rgw.sh");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/rgw.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
