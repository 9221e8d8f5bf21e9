package dev.carryon.cli;

import dev.carryon.client.HttpStatusException;
import dev.carryon.client.LocalFileException;
import dev.carryon.client.RetriesExhaustedException;
import dev.carryon.client.VerificationException;

import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** The exit codes of the transfer commands, as documented in {@code --help} and the README. */
final class ExitCodes {
    static final int OK = 0;
    /** The transfer gave up: the server could not be reached or kept failing for the whole retry period. */
    static final int FAILED = 1;
    /** The command line is wrong (picocli's code for invalid input). */
    static final int USAGE = 2;
    /** The server refused the request (4xx): unknown upload, too large, not allowed. */
    static final int REFUSED = 3;
    /** A local file could not be read or written. */
    static final int LOCAL_FILE = 4;
    /** The transferred bytes do not match what the server has (length or digest). */
    static final int VERIFICATION = 5;
    /** Interrupted by SIGINT or SIGTERM; running it again continues the transfer. */
    static final int INTERRUPTED = 130;

    /** The list for {@code --help}; keep it in step with the constants and the README. */
    static Map<String, String> help() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done");
        codes.put("1", "gave up: the server could not be reached or kept failing for --retry-for");
        codes.put("2", "invalid command line");
        codes.put("3", "refused by the server (4xx: unknown upload, too large, not allowed)");
        codes.put("4", "a local file could not be read or written");
        codes.put("5", "verification failed: the length or digest differ from the server's");
        codes.put("130", "interrupted by Ctrl-C (143: by SIGTERM); run the same command again to continue");
        return codes;
    }

    private ExitCodes() {
    }

    static int of(Throwable failure) {
        if (failure instanceof HttpStatusException status && status.isClientError()) {
            return REFUSED;
        }
        if (failure instanceof LocalFileException || failure instanceof FileSystemException) {
            return LOCAL_FILE;
        }
        if (failure instanceof VerificationException) {
            return VERIFICATION;
        }
        if (failure instanceof CancellationException) {
            return INTERRUPTED;
        }
        if (failure instanceof RetriesExhaustedException) {
            return FAILED;
        }
        return FAILED;
    }
}
