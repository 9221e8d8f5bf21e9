package dev.carryon.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path logs;

    private BrowserScripts(Path dir, Path logs) {
        this.dir = dir;
        this.logs = logs;
    }

    static BrowserScripts require(Path logs) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("basedir", "."), "src", "test", "browser").toAbsolutePath().normalize();
        if (!works("node", "--version")) {
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
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            fail(script + " printed nothing (exit " + node.exitValue() + "); stderr:\n" + Files.readString(err));
        }
        JsonNode result = JSON.readTree(lines.getLast());
        if (node.exitValue() != 0 || result.has("error")) {
            fail(script + " failed: " + result.path("error").asText(lines.getLast()) + "\nstderr:\n" + Files.readString(err));
        }
        if (result.has("pageErrors")) {
            fail("the page threw: " + result.get("pageErrors"));
        }
        return result;
    }

    private static boolean works(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notThere) {
            return false;
        }
    }
}
