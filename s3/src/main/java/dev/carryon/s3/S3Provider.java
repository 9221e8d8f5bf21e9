package dev.carryon.s3;

import java.util.Locale;

/**
 * The S3-compatible services Carryon knows, with what each of them allows where they differ. Every one of
 * them takes at most {@link #MAX_PARTS} parts of at most {@link #MAX_PART_SIZE} bytes per multipart upload;
 * every part but the last must be at least {@link #minPartSize()}.
 */
public enum S3Provider {
    /** Amazon S3 itself: virtual-host addressing, and the SDK's default request checksums. */
    AWS(5L << 20, false, true, true),
    /**
     * Aliyun OSS through its S3 API: parts from 100 KB, virtual-host addressing only, no
     * {@code ListMultipartUploads} (which Carryon never needs), and no aws-chunked request bodies.
     */
    OSS(100L << 10, false, false, false),
    /** Ceph RADOS Gateway, usually reached by address and port, hence path-style by default. */
    CEPH(5L << 20, true, true, false),
    /** MinIO, usually reached by address and port, hence path-style by default. */
    MINIO(5L << 20, true, true, false),
    /** Any other S3 API server (S3Proxy, SeaweedFS, Garage…): the rules of S3, path-style by default. */
    GENERIC(5L << 20, true, true, false);

    public static final long MAX_PART_SIZE = 5L << 30;
    public static final int MAX_PARTS = 10_000;

    private final long minPartSize;
    private final boolean pathStyleByDefault;
    private final boolean pathStyleAllowed;
    private final boolean awsChecksums;

    S3Provider(long minPartSize, boolean pathStyleByDefault, boolean pathStyleAllowed, boolean awsChecksums) {
        this.minPartSize = minPartSize;
        this.pathStyleByDefault = pathStyleByDefault;
        this.pathStyleAllowed = pathStyleAllowed;
        this.awsChecksums = awsChecksums;
    }

    /** The smallest size of any part but the last. */
    public long minPartSize() {
        return minPartSize;
    }

    /** Whether buckets are addressed as {@code endpoint/bucket/key} unless told otherwise. */
    public boolean pathStyleByDefault() {
        return pathStyleByDefault;
    }

    /** Whether the service accepts path-style addressing at all (OSS does not). */
    public boolean pathStyleAllowed() {
        return pathStyleAllowed;
    }

    /**
     * Whether the AWS SDK's default flexible checksums may be used: since SDK 2.30 it sends CRC32 trailers in
     * aws-chunked bodies and expects checksums in responses, which many S3-compatible servers refuse or lack.
     * Elsewhere checksums are computed only where an operation requires them.
     */
    public boolean awsChecksums() {
        return awsChecksums;
    }

    /** The provider for a name as given on the command line ({@code aws}, {@code oss}, {@code ceph}…). */
    public static S3Provider named(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown S3 provider '" + name + "'; known: aws, oss, ceph, minio, generic");
        }
    }
}
