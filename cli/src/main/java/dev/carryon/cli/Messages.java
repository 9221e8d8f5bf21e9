package dev.carryon.cli;

import java.time.Duration;

/** The command's own lines on stderr, prefixed with {@code carryon:} so they stand out from progress. */
final class Messages {
    private Messages() {
    }

    static void info(ClientOptions options, String message) {
        if (!options.quiet) {
            System.err.println("carryon: " + message);
            System.err.flush();
        }
    }

    static void error(String message) {
        System.err.println("carryon: " + message);
        System.err.flush();
    }

    /** {@code 1.0 GiB in 0:12 (83.2 MiB/s)}. */
    static String summary(long bytes, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        return Units.bytes(bytes) + " in " + Units.duration(seconds) + " (" + Units.rate(bytes / seconds) + ")";
    }
}
