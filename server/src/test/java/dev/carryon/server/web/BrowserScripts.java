package dev.carryon.server.web;

import dev.carryon.server.NodeRun;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Runs the Playwright scripts in {@code server/src/test/browser} with Node.js against Debian's Chromium.
 * When Node, playwright-core or Chromium is missing, the calling test is skipped with the command that
 * installs it; it never passes without running.
 */
final class BrowserScripts {
    static final String INSTALL = "npm ci --prefix server/src/test/browser";
    static final String CHROMIUM = System.getenv().getOrDefault("CARRYON_CHROMIUM", "/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path dir;
    private final Path logs;

    private BrowserScripts(Path dir, Path logs) {
        this.dir = dir;
        this.logs = logs;
    }

    static BrowserScripts require(Path logs) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("basedir", "."), "src", "test", "browser").toAbsolutePath().normalize();
        if (NodeRun.nodeVersion() == null) {
            abort("Node.js is not installed: `apt-get install nodejs npm`, then run `" + INSTALL + "` in the repository root");
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/playwright-core/package.json"))) {
            abort("playwright-core is not installed in " + dir + ": run `" + INSTALL + "` in the repository root");
        }
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            abort("Chromium is not installed at " + CHROMIUM + ": `apt-get install chromium` (or set CARRYON_CHROMIUM)");
        }
        Files.createDirectories(logs);
        return new BrowserScripts(dir, logs);
    }

    /** Runs a script and returns the JSON line it printed last; fails the test if it fails or hangs. */
    JsonNode run(String script, String... args) throws IOException, InterruptedException {
        NodeRun run = NodeRun.run(dir, logs, TIMEOUT_SECONDS, script, args);
        JsonNode result = run.result();
        if (run.exitValue() != 0 || result.has("error")) {
            fail(script + " failed: " + result.path("error").asText(run.lines().getLast()) + "\nstderr:\n" + run.stderr());
        }
        if (result.has("pageErrors")) {
            fail("the page threw: " + result.get("pageErrors"));
        }
        return result;
    }
}
