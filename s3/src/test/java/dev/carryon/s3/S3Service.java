package dev.carryon.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running S3 API server that tests use (S3Proxy, Ceph RGW): its endpoint and keys, fresh buckets, stores on
 * them, and a client of its own to look at what the store left in a bucket.
 */
public final class S3Service {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final S3Provider provider;
    private final S3Client client;
    private String sharedBucket;

    public S3Service(URI endpoint, String accessKey, String secretKey, S3Provider provider) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.provider = provider;
        this.client = S3Clients.create(S3StoreConfig.of(endpoint, "any", "us-east-1", provider).withPathStyle(true),
                credentials());
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public S3Provider provider() {
        return provider;
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** A new, empty bucket with a name no other test uses. */
    public String createBucket() {
        String name = ("carryon-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime())).toLowerCase(Locale.ROOT);
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    /** One bucket for tests that keep apart by prefix: creating buckets is slow on some servers (RGW). */
    public synchronized String sharedBucket() {
        if (sharedBucket == null) {
            sharedBucket = createBucket();
        }
        return sharedBucket;
    }

    /** Deletes a bucket and everything in it. */
    public void deleteBucket(String bucket) {
        for (String key : keys(bucket)) {
            client.deleteObject(b -> b.bucket(bucket).key(key));
        }
        client.deleteBucket(b -> b.bucket(bucket));
    }

    /** The settings of a store on {@code bucket}, path-style as local servers need. */
    public S3StoreConfig config(String bucket) {
        return S3StoreConfig.of(endpoint, bucket, "us-east-1", provider).withPathStyle(true);
    }

    public S3Store open(S3StoreConfig config) throws IOException {
        return S3Store.open(config, credentials());
    }

    /** The keys in {@code bucket}, in order. */
    public List<String> keys(String bucket) {
        return keys(bucket, "");
    }

    /** The keys in {@code bucket} that start with {@code prefix}, in order. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /** The size of an object, or -1 if it does not exist. */
    public long size(String bucket, String key) {
        return client.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                .filter(o -> o.key().equals(key)).mapToLong(S3Object::size).findFirst().orElse(-1);
    }

    /** The SHA-256 of an object's bytes, in hex. */
    public String sha256(String bucket, String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
            return sha256(in);
        }
    }

    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client this handle looks at buckets with. */
    public S3Client client() {
        return client;
    }
}
