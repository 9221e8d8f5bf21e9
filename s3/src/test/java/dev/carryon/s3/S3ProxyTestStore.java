package dev.carryon.s3;

import dev.carryon.core.store.UploadStore;
import dev.carryon.server.ServerConfig;
import dev.carryon.server.TestStore;

import java.util.List;

/**
 * The server's protocol tests on an S3 store: each test server gets a fresh bucket of the S3Proxy in the
 * test JVM, with 5 MiB parts so that the tests' uploads of several MiB span parts. Named by the
 * {@code carryon.test.store} property of the surefire run that executes those tests here.
 */
public final class S3ProxyTestStore implements TestStore {
    private final S3Service s3 = S3ProxyServer.shared();
    private String bucket;

    @Override
    public UploadStore open(ServerConfig config) throws Exception {
        bucket = s3.createBucket();
        return s3.open(s3.config(bucket).withPartSize(S3Provider.GENERIC.minPartSize())
                .withExpireAfter(config.expireAfter()));
    }

    @Override
    public List<String> names() {
        return s3.keys(bucket);
    }

    @Override
    public void delete() {
        s3.deleteBucket(bucket);
    }
}
