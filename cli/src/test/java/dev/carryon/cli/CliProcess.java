package dev.carryon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code carryon} command in a process of its own, run from this JVM's class path with the launcher's
 * client options, so that a test can kill it as a user's Ctrl-C or a crash would. Its stderr lines can be
 * awaited while it runs; close it in teardown.
 */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final LinkedBlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final Thread[] readers;

    private CliProcess(Process process) {
        this.process = process;
        this.readers = new Thread[] {
            Thread.ofPlatform().daemon().start(() -> read(process.getInputStream(), stdout, null)),
            Thread.ofPlatform().daemon().start(() -> read(process.getErrorStream(), stderr, errLines)),
        };
    }

    /** Starts {@code carryon ARGS…}; {@code stdin} is a file to read standard input from, or null for none. */
    static CliProcess start(Path stdin, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CARRYON_PROGRESS", "lines");
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        return new CliProcess(builder.start());
    }

    /** Runs {@code carryon ARGS…} to its end. */
    static CliProcess run(String... args) throws IOException, InterruptedException {
        CliProcess cli = start(null, args);
        cli.await(Duration.ofSeconds(60));
        return cli;
    }

    /** Waits for a stderr line that {@code matches} and returns it. */
    String awaitStderr(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = errLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && matches.test(line)) {
                return line;
            }
            if (line == null && !process.isAlive() && errLines.isEmpty()) {
                break;
            }
        }
        return fail("no such line on stderr; it printed:\n" + stderr);
    }

    /** Waits for the process to end and returns its exit code. */
    int await(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "carryon did not finish:\n" + stderr);
        for (Thread reader : readers) {
            reader.join(5000);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM, as a user's kill or a service manager sends; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return await(timeout);
    }

    /** SIGKILL, as a crash would; returns when the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void read(InputStream in, StringBuffer all, LinkedBlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                all.append(line).append('\n');
                if (lines != null) {
                    lines.add(line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }
}
