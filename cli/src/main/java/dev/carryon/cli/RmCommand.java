package dev.carryon.cli;

import dev.carryon.client.CarryonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code carryon rm URL…}: deletes uploads (tus termination). */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete uploads; one already gone counts as deleted.")
final class RmCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "URL", description = "The uploads' URLs.")
    List<URI> urls;

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() throws Exception {
        int worst = ExitCodes.OK;
        try (CarryonClient client = options.client()) {
            for (URI url : urls) {
                try {
                    client.delete(url);
                    Messages.info(options, "deleted " + url);
                } catch (IOException failed) {
                    Messages.error(url + ": " + failed.getMessage());
                    worst = worst == ExitCodes.OK ? ExitCodes.of(failed) : worst;
                }
            }
        }
        return worst;
    }
}
