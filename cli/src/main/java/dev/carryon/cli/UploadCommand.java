package dev.carryon.cli;

import dev.carryon.client.CarryonClient;
import dev.carryon.client.ChecksumAlgorithm;
import dev.carryon.client.CompletedUpload;
import dev.carryon.client.FileUpload;
import dev.carryon.client.TransferListener;
import dev.carryon.client.UploadRequest;
import dev.carryon.client.internal.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code carryon upload FILE… URL}: uploads each file to the tus endpoint, printing its upload URL to stderr
 * as soon as the upload exists and to stdout when it is complete. Run again after an interruption, it
 * continues where it stopped.
 */
@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload files to a tus endpoint, resuming any earlier unfinished upload of the same file.",
                "Prints each upload's URL to stderr as soon as it exists and to stdout when it is complete."})
final class UploadCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "FILE... URL", hideParamSyntax = true, description = "The files, then the tus endpoint (e.g. http://host:1080/files/).")
    List<String> arguments;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", defaultValue = "1",
            description = "Upload each file in N parts at once, if the server joins parts (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "256M",
            description = "Most bytes per request; a broken connection costs at most this much again (default: ${DEFAULT-VALUE}).")
    ByteSize chunkSize;

    @Option(names = {"-m", "--metadata"}, paramLabel = "KEY=VALUE",
            description = "Metadata for the upload; filename is set from the file unless given.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(names = "--checksum", paramLabel = "ALGORITHM", description = "Send a checksum with every chunk: sha1, md5, sha256 or sha512.")
    String checksum;

    @Option(names = "--no-resume", description = "Start a new upload even if an unfinished one of the same file exists.")
    boolean noResume;

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() throws Exception {
        URI endpoint = URI.create(arguments.getLast());
        ChecksumAlgorithm algorithm = checksum == null ? null : ChecksumAlgorithm.ofTusName(checksum);
        int worst = ExitCodes.OK;
        try (CarryonClient client = options.client()) {
            for (String name : arguments.subList(0, arguments.size() - 1)) {
                int code = upload(client, Path.of(name), endpoint, algorithm);
                worst = worst == ExitCodes.OK ? code : worst;
            }
        }
        return worst;
    }

    private int upload(CarryonClient client, Path file, URI endpoint, ChecksumAlgorithm algorithm) throws Exception {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            Messages.error(file + ": no such readable file");
            return ExitCodes.LOCAL_FILE;
        }
        UploadRequest request = UploadRequest.builder(file, endpoint)
                .parallelism(parallel).chunkSize(chunkSize.bytes()).metadata(metadata).checksum(algorithm)
                .rateLimit(options.bytesPerSecond()).resume(!noResume)
                .listener(new TransferListener() {
                    @Override
                    public void transferInitiated(URI uploadUrl) {
                        Messages.info(options, file + ": " + uploadUrl);
                    }
                }).build();
        FileUpload upload = client.upload(request);
        Interruption.onSignal(upload::pause);
        CompletedUpload done;
        try (ProgressDisplay ignored = ProgressDisplay.start(file.getFileName().toString(), upload.progress(), options.quiet)) {
            done = upload.completionFuture().get();
        } catch (ExecutionException failed) {
            Messages.error(file + ": " + failed.getCause().getMessage());
            return ExitCodes.of(failed.getCause());
        } finally {
            Interruption.clear();
        }
        if (options.json) {
            System.out.println(new JsonObject().put("file", file.toString())
                    .put("url", done.uploadUrl().toString()).put("size", done.length())
                    .put("resumedFrom", done.bytesAtStart()).put("bytesSent", done.bytesSent())
                    .put("seconds", done.elapsed().toMillis() / 1000.0));
        } else {
            System.out.println(done.uploadUrl());
            Messages.info(options, file + ": done, " + Messages.summary(done.length() - done.bytesAtStart(), done.elapsed())
                    + (done.bytesAtStart() > 0 ? ", resumed at " + Units.bytes(done.bytesAtStart()) : ""));
        }
        System.out.flush();
        return ExitCodes.OK;
    }
}
