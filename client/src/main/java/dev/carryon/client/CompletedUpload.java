package dev.carryon.client;

import java.net.URI;
import java.time.Duration;

/**
 * A finished upload. Immutable.
 *
 * @param uploadUrl    the URL of the uploaded file on the server
 * @param length       its length in bytes
 * @param bytesSent    the bytes this run sent, including any sent again after a failure
 * @param bytesAtStart the bytes already on the server when this run began (an earlier run sent them)
 * @param elapsed      how long this run took
 */
public record CompletedUpload(URI uploadUrl, long length, long bytesSent, long bytesAtStart, Duration elapsed) {
}
