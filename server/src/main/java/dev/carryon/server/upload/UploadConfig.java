package dev.carryon.server.upload;

import java.time.Duration;

/**
 * Settings of the upload endpoint, which tus and the IETF resumable upload draft share.
 *
 * @param basePath     where uploads live, with a trailing slash, e.g. {@code /files/}
 * @param maxSize      largest upload accepted in bytes, or 0 for no limit
 * @param lockPatience how long a request waits for an earlier request on the same upload to let go
 */
public record UploadConfig(String basePath, long maxSize, Duration lockPatience) {

    public UploadConfig {
        if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath must start and end with /");
        }
    }

    public boolean hasMaxSize() {
        return maxSize > 0;
    }
}
