package dev.carryon.client;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The state of a transfer at one moment. Immutable.
 *
 * <p>For uploads, {@code bytesSent} counts what this client handed to the network in this run, including
 * bytes sent again after a failure; {@code bytesConfirmed} counts what the server acknowledged as stored,
 * which is what survives a failure. For downloads both count bytes written to the file, confirmed once
 * they are on disk.
 *
 * @param bytesSent      bytes sent (uploads) or received (downloads) in this run, re-sends included
 * @param bytesConfirmed bytes the server confirmed (uploads) or that are written (downloads), in total
 * @param bytesAtStart   bytes already confirmed when this run began, e.g. by an earlier, interrupted run
 * @param totalBytes     the size of the whole transfer, or -1 while unknown (a stream not yet ended)
 * @param elapsed        time since this run began
 */
public record ProgressSnapshot(long bytesSent, long bytesConfirmed, long bytesAtStart, long totalBytes,
                               Duration elapsed) {

    /** The size of the whole transfer, if known. */
    public OptionalLong total() {
        return totalBytes < 0 ? OptionalLong.empty() : OptionalLong.of(totalBytes);
    }

    /** The confirmed fraction, from 0 to 1, if the total is known. */
    public OptionalDouble ratio() {
        if (totalBytes < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(totalBytes == 0 ? 1 : (double) bytesConfirmed / totalBytes);
    }

    /** Confirmed bytes per second in this run, averaged over the whole run. */
    public double averageBytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : (bytesConfirmed - bytesAtStart) / seconds;
    }
}
