package dev.carryon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real server in a process of its own, started as {@code java -cp <this JVM's class path>
 * dev.carryon.cli.Main serve}, so that tests can kill it. Close it in teardown: closing kills it if it still
 * runs. Its output (stdout and stderr) is kept for failure messages.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^Carryon listening on (http://\\S+/files/) \\(");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI filesUri;
    private final StringBuffer output;

    private ServerProcess(Process process, URI filesUri, StringBuffer output) {
        this.process = process;
        this.filesUri = filesUri;
        this.output = output;
    }

    /** Starts a server on {@code dataDir}; port 0 picks a free port, which {@link #port()} then tells. */
    public static ServerProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        return start(port, List.of("--data", dataDir.toString()), Map.of());
    }

    /**
     * Starts a server with {@code storeArgs} choosing its store (e.g. {@code --store s3 …}) and {@code env}
     * added to its environment (e.g. credentials).
     */
    public static ServerProcess start(int port, List<String> storeArgs, Map<String, String> env)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(storeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, output, listening), "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            reader.join(1000);
            throw new AssertionError("the server did not start: " + e.getMessage() + "\n" + output, e);
        }
    }

    private static void readOutput(Process process, StringBuffer output, CompletableFuture<URI> listening) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        listening.completeExceptionally(new IllegalStateException("the process ended"));
    }

    public URI filesUri() {
        return filesUri;
    }

    public int port() {
        return filesUri.getPort();
    }

    /** SIGKILL, as a crash or the OOM killer would; returns when the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM; returns the exit code, failing if the process does not exit within {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the server did not exit within " + timeout + " of SIGTERM\n" + output);
        }
        return process.exitValue();
    }

    /** The operating system's id of the server process. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself or by a signal; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything the process printed so far. */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
