package dev.carryon.cli;

import dev.carryon.client.AuthHeaders;
import dev.carryon.client.CarryonClient;
import dev.carryon.client.FileCheckpointStore;
import dev.carryon.client.RetryPolicy;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options every transfer command shares, and the client they configure. */
final class ClientOptions {
    @Option(names = "--limit-rate", paramLabel = "RATE", description = "Cap the transfer at RATE bytes per second, e.g. 40M.")
    ByteSize limitRate;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no messages except errors.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = "--retry-for", paramLabel = "DURATION", defaultValue = "10m",
            description = "Keep retrying a failing server this long before giving up (default: ${DEFAULT-VALUE}).")
    Duration retryFor;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME: VALUE",
            description = "Add a header to every request, e.g. 'Authorization: Bearer …'.")
    List<String> headers = List.of();

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where unfinished transfers are remembered (default: ~/.carryon/checkpoints).")
    Path checkpointDir;

    long bytesPerSecond() {
        return limitRate == null ? 0 : limitRate.bytes();
    }

    CarryonClient client() {
        CarryonClient.Builder builder = CarryonClient.builder()
                .retryPolicy(RetryPolicy.DEFAULT.withDeadline(retryFor))
                .checkpointStore(checkpointDir == null ? FileCheckpointStore.inUserHome() : new FileCheckpointStore(checkpointDir))
                .userAgent("carryon-cli/" + Version.number());
        Map<String, String> fixed = parseHeaders();
        if (!fixed.isEmpty()) {
            builder.authHeaders(fixedHeaders(fixed));
        }
        return builder.build();
    }

    private static AuthHeaders fixedHeaders(Map<String, String> headers) {
        return renew -> headers;
    }

    private Map<String, String> parseHeaders() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("'" + header + "' is not a header such as 'Name: value'");
            }
            parsed.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return parsed;
    }
}
