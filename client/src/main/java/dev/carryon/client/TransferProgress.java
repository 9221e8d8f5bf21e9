package dev.carryon.client;

/**
 * The live progress of a transfer. It changes while the transfer runs; {@link #snapshot()} captures it at
 * one moment. Safe to call from any thread.
 */
public interface TransferProgress {

    /** The progress now. */
    ProgressSnapshot snapshot();
}
