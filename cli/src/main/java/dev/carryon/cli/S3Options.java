package dev.carryon.cli;

import dev.carryon.s3.S3Provider;
import dev.carryon.s3.S3Store;
import dev.carryon.s3.S3StoreConfig;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The options of {@code carryon serve --store s3}. Credentials are not options: they come from the AWS
 * default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, instance roles).
 */
final class S3Options {

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "URL of the S3 API, e.g. http://127.0.0.1:7480 or https://oss-cn-hangzhou.aliyuncs.com"
                    + " (default: AWS S3 in --s3-region).")
    URI endpoint;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "Bucket that keeps the uploads; it must exist.")
    String bucket;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Signing region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--s3-path-style", arity = "0..1", paramLabel = "true|false",
            description = "Address the bucket as ENDPOINT/BUCKET rather than BUCKET.ENDPOINT"
                    + " (default: yes for ceph, minio and generic, no for aws; oss does not allow it).")
    Boolean pathStyle;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Folder in the bucket for every key Carryon writes, e.g. uploads/ (default: none).")
    String prefix;

    @Option(names = "--s3-provider", paramLabel = "aws|oss|ceph|minio|generic",
            description = "Which service this is, for its part sizes, addressing and checksums"
                    + " (default: aws without --s3-endpoint, generic with one).")
    String provider;

    @Option(names = "--s3-part-size", paramLabel = "SIZE",
            description = "Size of the parts sent to the service; they grow for very long uploads (default: 8M).")
    ByteSize partSize;

    @Option(names = "--s3-parts-in-flight", paramLabel = "N",
            description = "Parts of one upload sent at the same time while more bytes arrive (default: 4).")
    Integer partsInFlight;

    @Option(names = "--s3-buffer-memory", paramLabel = "SIZE",
            description = "Memory all uploads together may use for parts waiting to be sent; beyond it parts wait in"
                    + " temporary files (default: 256M).")
    ByteSize bufferMemory;

    boolean given() {
        return endpoint != null || bucket != null || provider != null || pathStyle != null || !prefix.isEmpty();
    }

    /**
     * The settings these options describe.
     *
     * @throws IllegalArgumentException if they are incomplete or contradict the provider's rules
     */
    S3StoreConfig config(Duration expireAfter) {
        if (bucket == null) {
            throw new IllegalArgumentException("--store s3 needs --s3-bucket");
        }
        S3Provider kind = provider != null ? S3Provider.named(provider) : endpoint == null ? S3Provider.AWS : S3Provider.GENERIC;
        S3StoreConfig config = S3StoreConfig.of(endpoint, bucket, region, kind).withPrefix(prefix)
                .withExpireAfter(expireAfter);
        if (pathStyle != null) {
            config = config.withPathStyle(pathStyle);
        }
        if (partSize != null) {
            config = config.withPartSize(partSize.bytes());
        }
        if (partsInFlight != null) {
            config = config.withPartsInFlight(partsInFlight);
        }
        if (bufferMemory != null) {
            config = config.withMemoryBudget(bufferMemory.bytes(), Path.of(System.getProperty("java.io.tmpdir")));
        }
        return config;
    }

    /** Opens the store, checking that the bucket can be used. */
    S3Store open(Duration expireAfter) throws IOException {
        S3StoreConfig config = config(expireAfter);
        try {
            return S3Store.open(config, DefaultCredentialsProvider.builder().build());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot use the S3 bucket " + bucket + (endpoint == null ? "" : " at " + endpoint)
                    + ": " + e.getMessage(), e);
        }
    }
}
