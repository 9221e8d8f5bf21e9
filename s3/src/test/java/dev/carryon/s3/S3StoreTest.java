package dev.carryon.s3;

import dev.carryon.core.store.UploadStore;
import dev.carryon.core.store.UploadStoreContract;

import java.nio.file.Path;
import java.time.Duration;

/** The store contract, on S3Proxy: each test on a bucket of its own. */
class S3StoreTest extends UploadStoreContract {
    private final S3Service s3 = S3ProxyServer.shared();
    private String bucket;

    @Override
    protected UploadStore openStore(Path tempDir, Duration expireAfter) throws Exception {
        if (bucket == null) {
            bucket = s3.createBucket();
        }
        return s3.open(s3.config(bucket).withExpireAfter(expireAfter));
    }
}
