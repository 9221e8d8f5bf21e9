package dev.carryon.s3;

import dev.carryon.core.store.UploadStore;
import dev.carryon.core.store.UploadStoreContract;

import java.nio.file.Path;
import java.time.Duration;

/** The store contract, on the run's S3 server (S3Proxy, or Ceph RGW): each test on a bucket of its own. */
class S3StoreTest extends UploadStoreContract {
    private S3Service s3;
    private String bucket;

    @Override
    protected UploadStore openStore(Path tempDir, Duration expireAfter) throws Exception {
        if (bucket == null) {
            s3 = S3TestServers.shared();
            bucket = s3.createBucket();
        }
        return s3.open(s3.config(bucket).withExpireAfter(expireAfter));
    }
}
