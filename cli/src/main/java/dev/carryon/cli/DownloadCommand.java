package dev.carryon.cli;

import dev.carryon.client.CarryonClient;
import dev.carryon.client.CompletedDownload;
import dev.carryon.client.DownloadRequest;
import dev.carryon.client.FileDownload;
import dev.carryon.client.internal.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code carryon download URL -o FILE}: downloads with ranges, in parallel if asked, verifying length and the
 * server's digest; run again after an interruption, it continues where it stopped.
 */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download a file, resuming an interrupted download of the same URL to the same file.",
                "The file appears only when it is complete and verified; until then the bytes are in FILE.carryon-part."})
final class DownloadCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "The file's URL, e.g. an upload's URL.")
    URI url;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to put the file (default: the last part of the URL's path, in the current directory).")
    Path output;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", defaultValue = "1",
            description = "Fetch N ranges at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--no-resume", description = "Start over even if an interrupted download of the same file exists.")
    boolean noResume;

    @Option(names = "--no-verify", description = "Do not check the file against the digest the server offers.")
    boolean noVerify;

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() throws Exception {
        Path target = output != null ? output : Path.of(lastSegment(url));
        try (CarryonClient client = options.client()) {
            FileDownload download = client.download(DownloadRequest.builder(url, target).parallelism(parallel)
                    .rateLimit(options.bytesPerSecond()).resume(!noResume).verify(!noVerify).build());
            Interruption.onSignal(download::pause);
            CompletedDownload done;
            try (ProgressDisplay ignored = ProgressDisplay.start(target.getFileName().toString(), download.progress(), options.quiet)) {
                done = download.completionFuture().get();
            } catch (ExecutionException failed) {
                Messages.error(target + ": " + failed.getCause().getMessage());
                return ExitCodes.of(failed.getCause());
            } finally {
                Interruption.clear();
            }
            if (options.json) {
                System.out.println(new JsonObject().put("file", target.toString()).put("url", url.toString())
                        .put("size", done.length()).put("sha256", done.sha256()).put("resumedFrom", done.bytesAtStart())
                        .put("seconds", done.elapsed().toMillis() / 1000.0));
            } else {
                Messages.info(options, target + ": done, " + Messages.summary(done.bytesReceived(), done.elapsed())
                        + (done.sha256() != null ? ", SHA-256 verified" : "")
                        + (done.bytesAtStart() > 0 ? ", resumed at " + Units.bytes(done.bytesAtStart()) : ""));
            }
            return ExitCodes.OK;
        }
    }

    private static String lastSegment(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the URL names no file; give one with -o");
        }
        return name;
    }
}
