package dev.carryon.server.interop;

import dev.carryon.server.NodeRun;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        String version = NodeRun.nodeVersion();
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
        NodeRun run = NodeRun.run(dir, logs, TIMEOUT_SECONDS, script, args);
        assertEquals(0, run.exitValue(), () -> script + " failed; stderr:\n" + run.stderr());
        return run.result();
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
