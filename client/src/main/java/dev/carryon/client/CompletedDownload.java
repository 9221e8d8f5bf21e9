package dev.carryon.client;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished download. Immutable.
 *
 * @param file          the downloaded file
 * @param length        its length
 * @param etag          the entity tag it had on the server, or null
 * @param sha256        its SHA-256 (hex) if it was verified against the server's digest, or null
 * @param bytesReceived the bytes received in this run, including any received again after a failure
 * @param bytesAtStart  the bytes an earlier run had already written
 * @param elapsed       how long this run took
 */
public record CompletedDownload(Path file, long length, String etag, String sha256, long bytesReceived,
                                long bytesAtStart, Duration elapsed) {
}
