package dev.carryon.client;

import java.net.URI;
import java.time.Duration;

/**
 * Receives the events of a transfer. Every method does nothing by default; override those you need.
 * Methods are called from the transfer's own threads, possibly from several at once for a parallel
 * transfer, so keep them short and thread-safe. An exception thrown by a listener is ignored.
 */
public interface TransferListener {

    /**
     * The upload exists on the server at {@code uploadUrl} (or, for a download, the file was found there);
     * from now on an interrupted transfer can be resumed. Called once per run, also when resuming.
     */
    default void transferInitiated(URI uploadUrl) {
    }

    /** More bytes went out (uploads) or came in (downloads). Called often; keep it cheap. */
    default void bytesSent(ProgressSnapshot progress) {
    }

    /** The server confirmed more stored bytes (uploads), or more bytes reached the file (downloads). */
    default void bytesConfirmed(ProgressSnapshot progress) {
    }

    /** A request failed and will be tried again after {@code delay}; {@code attempt} counts from 1. */
    default void retrying(int attempt, Duration delay, Throwable cause) {
    }

    /** The {@link AuthHeaders} could not supply credentials; the request will be retried. */
    default void tokenFailed(Throwable cause) {
    }

    /** The transfer finished and everything is confirmed. */
    default void transferComplete(ProgressSnapshot progress) {
    }

    /** The transfer failed or was paused or cancelled; it will make no more progress in this run. */
    default void transferFailed(Throwable cause) {
    }
}
