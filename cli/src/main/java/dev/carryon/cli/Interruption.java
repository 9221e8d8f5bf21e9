package dev.carryon.cli;

/**
 * What to do on SIGINT or SIGTERM while a transfer runs: pause it, which stops its requests cleanly and
 * saves its checkpoint, so that running the same command again continues it. The JVM then exits with 130.
 */
final class Interruption {
    private static volatile Runnable onSignal;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Runnable action = onSignal;
            if (action != null) {
                action.run();
            }
        }, "carryon-interrupted"));
    }

    private Interruption() {
    }

    /** Pauses with {@code action} if the process is told to stop before {@link #clear()}. */
    static void onSignal(Runnable action) {
        onSignal = action;
    }

    static void clear() {
        onSignal = null;
    }
}
