package dev.carryon.client;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Teardown for tests: closing a client waits for its open exchanges, so one left open shows as a hang. */
final class Clients {
    private Clients() {
    }

    /** Closes {@code client}, failing if a request or response was left open (closing would never return). */
    static void closeChecked(CarryonClient client) {
        if (client != null) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), client::close,
                    "the client did not close: a request or response was left open");
        }
    }
}
