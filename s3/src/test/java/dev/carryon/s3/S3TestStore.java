package dev.carryon.s3;

import dev.carryon.core.store.UploadStore;
import dev.carryon.server.ServerConfig;
import dev.carryon.server.TestStore;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's protocol tests on an S3 store: each test server gets a folder of its own (a key prefix) in one
 * bucket of the run's S3 server (see {@link S3TestServers}), with 5 MiB parts so that the tests' uploads of
 * several MiB span parts. Named by the {@code carryon.test.store} property of the surefire runs that execute
 * those tests here.
 */
public final class S3TestStore implements TestStore {
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private S3Service s3;
    private String prefix;

    @Override
    public UploadStore open(ServerConfig config) throws Exception {
        s3 = S3TestServers.shared();
        prefix = "server-" + SERVERS.incrementAndGet() + "/";
        return s3.open(s3.config(s3.sharedBucket()).withPrefix(prefix)
                .withPartSize(s3.provider().minPartSize()).withExpireAfter(config.expireAfter()));
    }

    @Override
    public List<String> names() {
        return s3.keys(s3.sharedBucket(), prefix).stream().map(key -> key.substring(prefix.length())).toList();
    }

    @Override
    public void delete() {
        for (String key : s3.keys(s3.sharedBucket(), prefix)) {
            s3.client().deleteObject(b -> b.bucket(s3.sharedBucket()).key(key));
        }
    }
}
