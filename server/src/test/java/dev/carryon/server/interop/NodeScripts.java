package dev.carryon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Runs the tus-js-client scripts in {@code server/src/test/node} with Node.js. When Node or the npm package is
 * missing, the test is skipped with a message that says how to install them; it never passes without running.
 */
public final class NodeScripts {
    /** Run from the repository root; installs exactly what package-lock.json pins. */
    public static final String INSTALL = "npm ci --prefix server/src/test/node";
    private static final int MIN_NODE_MAJOR = 18;
    private static final long TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final Path logs;

    private NodeScripts(Path dir, Path logs) {
        this.dir = dir;
        this.logs = logs;
    }

    /** The scripts, ready to run; skips the calling test if they cannot run here. */
    public static NodeScripts require(Path logs) throws InterruptedException {
        // Other modules that run these tests on their store point here at the server module's scripts.
        String scripts = System.getProperty("carryon.node.scripts");
        Path dir = (scripts != null ? Path.of(scripts) : Path.of(System.getProperty("basedir", "."), "src", "test", "node"))
                .toAbsolutePath().normalize();
        String version = nodeVersion();
        if (version == null) {
            abort("Node.js is not installed: install Node " + MIN_NODE_MAJOR + " or newer with npm (e.g. `apt-get install"
                    + " nodejs npm`), then run `" + INSTALL + "` in the repository root");
        }
        if (major(version) < MIN_NODE_MAJOR) {
            abort("Node.js " + version + " is too old for tus-js-client 4: install Node " + MIN_NODE_MAJOR + " or newer");
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/tus-js-client/package.json"))) {
            abort("tus-js-client is not installed in " + dir + ": run `" + INSTALL + "` in the repository root");
        }
        return new NodeScripts(dir, logs);
    }

    /** Runs a script and returns the JSON it printed last; fails the test if the script fails or hangs. */
    public JsonNode run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(logs, script, ".out");
        Path err = Files.createTempFile(logs, script, ".err");
        Process node = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(script + " did not finish within " + TIMEOUT_SECONDS + " s; stderr:\n" + Files.readString(err));
            }
        } finally {
            node.destroyForcibly();
        }
        assertEquals(0, node.exitValue(), () -> script + " failed; stderr:\n" + read(err));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            fail(script + " printed nothing; stderr:\n" + Files.readString(err));
        }
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    private static String nodeVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? version : null;
        } catch (IOException notOnPath) {
            return null;
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
