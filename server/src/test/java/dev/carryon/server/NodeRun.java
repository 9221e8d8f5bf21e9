package dev.carryon.server;

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

/**
 * One finished run of a Node.js test script: its exit value, what it printed on stdout, and its stderr.
 * The scripts report their result as one JSON object on their last line.
 *
 * @param script the script's file name, for messages
 * @param exitValue the process's exit value
 * @param lines what it printed on stdout
 * @param stderr what it printed on stderr
 */
public record NodeRun(String script, int exitValue, List<String> lines, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs {@code node script args…} in {@code dir}, keeping its output in files under {@code logs}; fails the
     * test if it has not finished within the timeout.
     */
    public static NodeRun run(Path dir, Path logs, long timeoutSeconds, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path out = Files.createTempFile(logs, script, ".out");
        Path err = Files.createTempFile(logs, script, ".err");
        Process node = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!node.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(script + " did not finish within " + timeoutSeconds + " s; stderr:\n" + Files.readString(err));
            }
        } finally {
            node.destroyForcibly();
        }
        return new NodeRun(script, node.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The version {@code node --version} prints, or null when Node.js cannot be run. */
    public static String nodeVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? version : null;
        } catch (IOException notOnPath) {
            return null;
        }
    }

    /** The JSON object on the last line; fails the test if the script printed nothing. */
    public JsonNode result() throws IOException {
        if (lines.isEmpty()) {
            fail(script + " printed nothing (exit " + exitValue + "); stderr:\n" + stderr);
        }
        return JSON.readTree(lines.getLast());
    }
}
