package dev.carryon.s3;

import dev.carryon.core.UploadInfo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upload's life in the bucket beyond appends: termination and expiration remove everything including the
 * multipart upload, a completion cut short by a crash is finished by the next look, and another store on
 * the same bucket (another process) sees exactly the same uploads.
 */
class S3LifecycleTest extends S3StoreFixture {

    @Test
    void terminationAbortsTheMultipartUploadAndDeletesEveryObject() throws IOException {
        byte[] data = random(PART + 1000, 1);
        String id = create(3 * PART).id();
        append(id, data, 0, data.length);
        UploadRecord record = store.records().load(id).orElseThrow();
        // a segment a crash left behind, named by no record
        s3.client().putObject(b -> b.bucket(bucket).key(id + ".part-7-9"), RequestBody.fromString("xy"));
        store.terminate(id);
        assertEquals(List.of(), keys());
        assertTrue(store.find(id).isEmpty());
        assertMultipartUploadGone(id, record.multipartId());
        store.terminate(id);
    }

    /** Gone: S3 says there is no such upload (RGW: no such key); S3Proxy lists no parts for it. */
    private void assertMultipartUploadGone(String key, String uploadId) {
        try {
            assertEquals(List.of(), s3.client().listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts());
        } catch (NoSuchUploadException expected) {
            // gone
        } catch (S3Exception e) {
            assertEquals(404, e.statusCode(), e::toString);
        }
    }

    @Test
    void expirationFindsIdleUnfinishedUploadsOnly() throws Exception {
        store.close();
        store = open(config().withExpireAfter(Duration.ofMillis(1)));
        String idle = create(PART + 10).id();
        append(idle, random(PART + 5, 2), 0, PART + 5);
        String done = create(4).id();
        append(done, random(4, 3), 0, 4);
        Thread.sleep(20);
        assertEquals(List.of(idle), store.expiredBefore(Instant.now()));
        assertEquals(List.of(), store.expiredBefore(Instant.now().minusSeconds(60)));
        store.terminate(idle);
        assertEquals(List.of(done, done + ".info"), keys());
    }

    @Test
    void aCompletionCutShortIsFinishedByTheNextLook() throws IOException {
        byte[] data = random(PART + 3, 4);
        String id = create(data.length).id();
        // What a process killed between saving the last part and completing leaves: every part recorded.
        Bucket bucket = store.bucket();
        String key = store.keys().object(id);
        String uploadId = bucket.startMultipart(key);
        var first = bucket.uploadPart(key, uploadId, 1, PART, RequestBody.fromBytes(java.util.Arrays.copyOf(data, PART)));
        var last = bucket.uploadPart(key, uploadId, 2, 3,
                RequestBody.fromBytes(java.util.Arrays.copyOfRange(data, PART, data.length)));
        UploadRecord record = store.records().load(id).orElseThrow().withMultipartId(uploadId, Instant.now())
                .withMoreParts(List.of(first, last), List.of(), Instant.now());
        store.records().save(record);
        assertFalse(keys().contains(id));

        reopen();
        assertTrue(find(id).info().isComplete());
        assertFinished(id, data);
        reopen();
        assertFinished(id, data); // a second look changes nothing
    }

    @Test
    void anotherStoreOnTheBucketContinuesAnUpload() throws IOException {
        byte[] data = random(2 * PART + 17, 5);
        UploadInfo info = create(UploadInfo.UNKNOWN_LENGTH);
        String id = info.id();
        append(id, data, 0, PART + 100);
        try (S3Store other = open(config())) {
            UploadInfo seen = other.find(id).orElseThrow().info();
            assertEquals(PART + 100, seen.offset());
            assertEquals(info.createdAt(), seen.createdAt());
            other.find(id).orElseThrow().append(PART + 100, trickle(data, PART + 100, data.length),
                    dev.carryon.core.store.ChunkCheck.NONE);
            other.declareLength(id, data.length);
        }
        assertFinished(id, data);
    }

    @Test
    void aPrefixKeepsEveryKeyUnderIt() throws IOException {
        store.close();
        store = open(config().withPrefix("uploads"));
        byte[] data = random(PART + 1, 6);
        String id = create(data.length).id();
        append(id, data, 0, 100);
        append(id, data, 100, data.length);
        assertEquals(List.of("uploads/" + id, "uploads/" + id + ".info"), keys());
        store.terminate(id);
        assertEquals(List.of(), keys());
    }
}
