package dev.carryon.cli;

import dev.carryon.client.CarryonClient;
import dev.carryon.client.CompletedStream;
import dev.carryon.client.StreamListener;
import dev.carryon.client.StreamRequest;
import dev.carryon.client.StreamUpload;
import dev.carryon.client.internal.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code carryon stream URL}: uploads standard input, of any length, as it arrives; the upload's length is
 * declared when input ends. Memory stays bounded: reading stdin waits while the buffer is full.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload standard input as it arrives, of a length known only at its end (e.g. a recording).",
                "Prints the upload's URL to stderr as soon as it exists and to stdout when it is complete."})
final class StreamCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "The tus endpoint, e.g. http://host:1080/files/.")
    URI endpoint;

    @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "8M",
            description = "Most bytes per request (default: ${DEFAULT-VALUE}).")
    ByteSize chunkSize;

    @Option(names = "--buffer", paramLabel = "SIZE", defaultValue = "32M",
            description = "Most bytes held in memory; stdin is read no faster than they are sent (default: ${DEFAULT-VALUE}).")
    ByteSize buffer;

    @Option(names = {"-m", "--metadata"}, paramLabel = "KEY=VALUE", description = "Metadata for the upload, e.g. filename=rec.webm.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() throws Exception {
        if (chunkSize.bytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--chunk-size must be below 2G for a stream");
        }
        try (CarryonClient client = options.client()) {
            StreamUpload stream = client.stream(StreamRequest.builder(endpoint).chunkSize((int) chunkSize.bytes())
                    .bufferSize(buffer.bytes()).metadata(metadata).rateLimit(options.bytesPerSecond())
                    .listener(new StreamListener() {
                        @Override
                        public void ready(URI uploadUrl) {
                            Messages.info(options, "stdin: " + uploadUrl);
                        }
                    }).build());
            Interruption.onSignal(stream::abort);
            CompletedStream done;
            try (ProgressDisplay ignored = ProgressDisplay.start("stdin", stream.progress(), options.quiet)) {
                pump(System.in, stream);
                done = stream.completionFuture().get();
            } catch (ExecutionException failed) {
                Messages.error("stdin: " + failed.getCause().getMessage());
                return ExitCodes.of(failed.getCause());
            } catch (IllegalStateException stopped) {
                // the stream failed while input was still being read; its future says why
                Throwable cause = stream.completionFuture().handle((r, t) -> t).join();
                Messages.error("stdin: " + (cause == null ? stopped : cause.getCause() == null ? cause : cause.getCause()).getMessage());
                return ExitCodes.of(cause == null ? stopped : cause.getCause() == null ? cause : cause.getCause());
            } finally {
                Interruption.clear();
            }
            if (options.json) {
                System.out.println(new JsonObject().put("url", done.uploadUrl().toString())
                        .put("size", done.length()));
            } else {
                System.out.println(done.uploadUrl());
                Messages.info(options, "stdin: done, " + Messages.summary(done.length(), stream.progress().snapshot().elapsed()));
            }
            return ExitCodes.OK;
        }
    }

    private static void pump(InputStream in, StreamUpload stream) throws IOException, InterruptedException {
        byte[] bytes = new byte[1 << 20];
        for (int n; (n = in.readNBytes(bytes, 0, bytes.length)) > 0; ) {
            stream.push(bytes, 0, n);
        }
        stream.end();
    }
}
