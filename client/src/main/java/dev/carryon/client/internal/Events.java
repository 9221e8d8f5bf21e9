package dev.carryon.client.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Internal: not part of the API. Calls application callbacks so that an exception thrown by one can never
 * break a transfer: it is logged and otherwise ignored.
 */
public final class Events {
    private static final Logger LOG = Logger.getLogger("dev.carryon.client");

    private Events() {
    }

    public static void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a transfer listener threw; ignored", e);
        }
    }
}
