package dev.carryon.s3;

import dev.carryon.core.Concat;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import dev.carryon.core.store.Upload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Base of the S3 store's own tests: a fresh bucket of the run's S3 server per test, a store on it with the smallest
 * parts the rules allow (5 MiB), and helpers to look at what is in the bucket.
 */
abstract class S3StoreFixture {
    static final int MIB = 1 << 20;
    static final int PART = 5 * MIB;

    S3Service s3;
    String bucket;
    S3Store store;

    @BeforeEach
    void openStore() throws IOException {
        s3 = S3TestServers.shared();
        bucket = s3.createBucket();
        store = open(config());
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    S3StoreConfig config() {
        return s3.config(bucket).withPartSize(PART);
    }

    S3Store open(S3StoreConfig config) throws IOException {
        return s3.open(config);
    }

    /** A second store on the same bucket, as another process (or the same one restarted) would open. */
    S3Store reopen() throws IOException {
        store.close();
        store = open(config());
        return store;
    }

    static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    UploadInfo create(long length) throws IOException {
        return store.create(UploadInfo.create(length, Metadata.EMPTY, Concat.NONE, Instant.now()));
    }

    Upload find(String id) throws IOException {
        return store.find(id).orElseThrow();
    }

    long append(String id, byte[] data, int from, int to) throws IOException {
        return find(id).append(from, new ByteArrayInputStream(data, from, to - from), ChunkCheck.NONE);
    }

    /** Every byte a download of {@code id} would serve now. */
    byte[] download(String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var bytes = store.openStoredBytes(id)) {
            ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
            for (int n; (n = bytes.read(buffer.clear(), out.size())) >= 0; ) {
                out.write(buffer.array(), 0, n);
            }
        }
        return out.toByteArray();
    }

    /** The keys in the bucket, without the prefix. */
    List<String> keys() {
        return s3.keys(bucket);
    }

    /** Asserts that the upload is finished and that the bucket holds exactly its object and record. */
    void assertFinished(String id, byte[] expected) throws IOException {
        assertEquals(expected.length, find(id).info().offset());
        assertEquals(List.of(id, id + ".info"), keys().stream().filter(k -> k.startsWith(id)).toList());
        assertEquals(expected.length, s3.size(bucket, id));
        assertEquals(S3Service.sha256(new ByteArrayInputStream(expected)), s3.sha256(bucket, id));
    }

    /** A body that delivers {@code data[from, to)} in small reads, as a network connection does. */
    static InputStream trickle(byte[] data, int from, int to) {
        return new ByteArrayInputStream(data, from, to - from) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 64 * 1024));
            }
        };
    }
}
