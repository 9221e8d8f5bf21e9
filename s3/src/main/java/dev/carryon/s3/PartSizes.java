package dev.carryon.s3;

/**
 * How large each part of an upload is. A multipart upload holds at most {@link S3Provider#MAX_PARTS} parts,
 * so an upload of known length starts with parts large enough to fit; one of unknown length (a live
 * recording) cannot know that, so its parts double every 1,000: with 8 MiB first parts, 10,000 parts hold
 * 8 TiB, more than the 5 TiB any of the services stores in one object, while short uploads keep small parts.
 */
final class PartSizes {
    static final int PARTS_PER_SIZE = 1_000;
    private static final long MIB = 1L << 20;

    private PartSizes() {
    }

    /** The size of the first parts of an upload of {@code length} bytes ({@code -1} when unknown). */
    static long first(long length, long preferred, S3Provider provider) {
        long size = Math.max(preferred, provider.minPartSize());
        if (length > 0) {
            long fitting = Math.ceilDiv(length, S3Provider.MAX_PARTS);
            size = Math.max(size, Math.ceilDiv(fitting, MIB) * MIB);
        }
        return Math.min(size, S3Provider.MAX_PART_SIZE);
    }

    /** The size of part {@code number} (from 1) of an upload whose first parts have {@code first} bytes. */
    static long of(int number, long first) {
        int doublings = Math.min((number - 1) / PARTS_PER_SIZE, 20);
        return Math.min(first << doublings, S3Provider.MAX_PART_SIZE);
    }
}
