package dev.carryon.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how an {@link S3Store} keeps its uploads. Immutable; start from {@link #of} and adjust with the
 * {@code with…} methods.
 *
 * @param endpoint      the service's URL, or null for AWS S3's regional endpoint
 * @param bucket        the bucket, which must exist
 * @param region        the signing region ({@code us-east-1} suits most S3-compatible servers)
 * @param provider      which service this is, for its limits and quirks
 * @param pathStyle     {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 * @param prefix        put before every key, e.g. {@code uploads/}; empty for none
 * @param expireAfter   how long an unfinished upload lives after its last change; null or zero for ever
 * @param partSize      the size of the parts sent to the service, before they grow for very long uploads
 * @param partsInFlight how many parts of one upload are sent at the same time while more bytes arrive
 * @param memoryBudget  bytes all uploads together may hold in memory for parts; beyond it they go to files
 * @param spoolDir      where parts that do not fit the memory budget wait to be sent
 */
public record S3StoreConfig(URI endpoint, String bucket, String region, S3Provider provider, boolean pathStyle,
                            String prefix, Duration expireAfter, long partSize, int partsInFlight,
                            long memoryBudget, Path spoolDir) {

    public static final long DEFAULT_PART_SIZE = 8L << 20;
    public static final int DEFAULT_PARTS_IN_FLIGHT = 4;
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    public S3StoreConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 bucket is required");
        }
        if (pathStyle && !provider.pathStyleAllowed()) {
            throw new IllegalArgumentException(provider.name().toLowerCase(java.util.Locale.ROOT) + " supports virtual-host addressing only");
        }
        if (partSize < provider.minPartSize() || partSize > S3Provider.MAX_PART_SIZE) {
            throw new IllegalArgumentException("the part size must be between " + provider.minPartSize() + " and "
                    + S3Provider.MAX_PART_SIZE + " bytes for " + provider.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("at least one part must be allowed in flight");
        }
        prefix = prefix == null ? "" : prefix.replaceFirst("^/+", "");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/"; // a prefix names a folder: "uploads" keeps "uploads/ID", never "uploadsID"
        }
        expireAfter = expireAfter == null || expireAfter.isZero() ? null : expireAfter;
        region = region == null || region.isBlank() ? "us-east-1" : region;
        spoolDir = spoolDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : spoolDir;
    }

    /** A bucket at an endpoint, with the provider's addressing and the default sizes. */
    public static S3StoreConfig of(URI endpoint, String bucket, String region, S3Provider provider) {
        return new S3StoreConfig(endpoint, bucket, region, provider, provider.pathStyleByDefault(), "", null,
                Math.max(DEFAULT_PART_SIZE, provider.minPartSize()), DEFAULT_PARTS_IN_FLIGHT, DEFAULT_MEMORY_BUDGET, null);
    }

    public S3StoreConfig withPathStyle(boolean newPathStyle) {
        return new S3StoreConfig(endpoint, bucket, region, provider, newPathStyle, prefix, expireAfter, partSize,
                partsInFlight, memoryBudget, spoolDir);
    }

    public S3StoreConfig withPrefix(String newPrefix) {
        return new S3StoreConfig(endpoint, bucket, region, provider, pathStyle, newPrefix, expireAfter, partSize,
                partsInFlight, memoryBudget, spoolDir);
    }

    public S3StoreConfig withExpireAfter(Duration newExpireAfter) {
        return new S3StoreConfig(endpoint, bucket, region, provider, pathStyle, prefix, newExpireAfter, partSize,
                partsInFlight, memoryBudget, spoolDir);
    }

    public S3StoreConfig withPartSize(long newPartSize) {
        return new S3StoreConfig(endpoint, bucket, region, provider, pathStyle, prefix, expireAfter, newPartSize,
                partsInFlight, memoryBudget, spoolDir);
    }

    public S3StoreConfig withPartsInFlight(int newPartsInFlight) {
        return new S3StoreConfig(endpoint, bucket, region, provider, pathStyle, prefix, expireAfter, partSize,
                newPartsInFlight, memoryBudget, spoolDir);
    }

    public S3StoreConfig withMemoryBudget(long newMemoryBudget, Path newSpoolDir) {
        return new S3StoreConfig(endpoint, bucket, region, provider, pathStyle, prefix, expireAfter, partSize,
                partsInFlight, newMemoryBudget, newSpoolDir);
    }
}
