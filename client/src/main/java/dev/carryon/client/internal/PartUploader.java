package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import dev.carryon.client.ChecksumAlgorithm;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;

/**
 * Internal: not part of the API. Sends one upload's bytes (a whole file, or one part of a parallel upload)
 * chunk by chunk from the offset the server has. After a failure it asks the server for its offset again
 * and continues from there, so a fault costs at most the bytes in flight, and with checksums at most one
 * chunk.
 */
final class PartUploader {
    private final TusClient tus;
    private final URI url;
    private final FileRange part;
    private final long chunkSize;
    private final ChecksumAlgorithm checksum;
    private final Metering metering;
    private final Backoff backoff;

    PartUploader(TusClient tus, URI url, FileRange part, long chunkSize, ChecksumAlgorithm checksum, Metering metering,
                 Backoff backoff) {
        this.tus = tus;
        this.url = url;
        this.part = part;
        this.chunkSize = chunkSize;
        this.checksum = checksum;
        this.metering = metering;
        this.backoff = backoff;
    }

    /** The offset the server has stored for this upload. */
    long serverOffset() throws IOException, InterruptedException {
        long offset = headOffset();
        backoff.succeeded();
        return offset;
    }

    private long headOffset() throws IOException, InterruptedException {
        return backoff.retryInOutage(() -> {
            long offset = tus.head(url, metering.cancellation()).offset();
            if (offset < 0 || offset > part.length()) {
                throw new IOException("the server reports offset " + offset + " for an upload of " + part.length() + " bytes");
            }
            return offset;
        });
    }

    /** Sends everything from {@code offset} (the server's) to the end. */
    void upload(long offset) throws IOException, InterruptedException {
        long at = offset;
        while (at < part.length()) {
            FileRange chunk = new FileRange(part.file(), part.start() + at, Math.min(chunkSize, part.length() - at));
            try {
                long next = tus.patch(url, at, RequestBody.of(chunk), checksumOf(chunk), -1, metering);
                if (next <= at || next > at + chunk.length()) {
                    throw new IOException("PATCH at " + at + " of " + chunk.length() + " bytes answered offset " + next);
                }
                metering.progress().addConfirmed(next - at);
                at = next;
                backoff.succeeded();
            } catch (IOException e) {
                backoff.failed(e);
                long now = headOffset();
                if (now > at) {
                    backoff.succeeded(); // the failed request still delivered bytes: progress
                }
                metering.progress().addConfirmed(now - at);
                at = now;
            }
        }
    }

    private String checksumOf(FileRange chunk) throws LocalFileException {
        if (checksum == null) {
            return null;
        }
        return checksum.tusName() + " " + Base64.getEncoder().encodeToString(chunk.digest(checksum.newDigest()));
    }
}
