package dev.carryon.cli;

import dev.carryon.client.CarryonClient;
import dev.carryon.client.UploadStatus;
import dev.carryon.client.internal.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Callable;

/** {@code carryon status URL}: what the server has of an upload. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show how much of an upload the server has, its length and metadata.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "The upload's URL.")
    URI url;

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() throws Exception {
        UploadStatus status;
        try (CarryonClient client = options.client()) {
            status = client.status(url);
        } catch (IOException failed) {
            Messages.error(url + ": " + failed.getMessage());
            return ExitCodes.of(failed);
        }
        if (options.json) {
            JsonObject json = new JsonObject().put("url", url.toString()).put("offset", status.offset())
                    .put("length", status.length()).put("complete", status.isComplete())
                    .put("expires", status.expires().map(Object::toString).orElse(null));
            json.put("metadata", status.metadata());
            System.out.println(json);
            return ExitCodes.OK;
        }
        String length = status.length() >= 0 ? Units.bytes(status.length()) : "unknown yet";
        System.out.println(url);
        System.out.println("  stored:   " + (status.offset() >= 0 ? Units.bytes(status.offset()) + " (" + status.offset() + " bytes)"
                : "not joined yet"));
        System.out.println("  length:   " + length + (status.length() >= 0 ? " (" + status.length() + " bytes)" : ""));
        System.out.println("  complete: " + (status.isComplete() ? "yes" : "no"));
        status.expires().ifPresent(when -> System.out.println("  expires:  " + when));
        status.metadata().forEach((key, value) -> System.out.println("  " + key + ": " + value));
        return ExitCodes.OK;
    }
}
