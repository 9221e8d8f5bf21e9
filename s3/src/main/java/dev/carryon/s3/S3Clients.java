package dev.carryon.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.time.Duration;

/** Builds the one S3 client a store uses, configured for its provider. */
final class S3Clients {
    /** Parts in flight of many uploads, plus downloads and record reads, each on its own connection. */
    private static final int MAX_CONNECTIONS = 256;

    private S3Clients() {
    }

    static S3Client create(S3StoreConfig config, AwsCredentialsProvider credentials) {
        return builder(config, credentials).build();
    }

    /** A builder with the store's settings, for callers that add to them (tests count requests). */
    static S3ClientBuilder builder(S3StoreConfig config, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        if (!config.provider().awsChecksums()) {
            // Since SDK 2.30 requests carry CRC32 trailers in aws-chunked bodies and responses are checked for
            // checksums; S3-compatible servers often refuse the first or lack the second.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        }
        return builder;
    }
}
