package dev.carryon.s3;

import dev.carryon.core.Concat;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The {@code aws} profile keeps the SDK's default checksums: multipart uploads are created with CRC32, parts
 * are sent with CRC32 trailers in aws-chunked bodies, and the checksums the service returns are recorded and
 * repeated when the upload is completed (S3 requires that; S3Proxy returns none, so none are repeated).
 */
class S3AwsProfileTest extends S3StoreFixture {

    @Override
    S3StoreConfig config() {
        return S3StoreConfig.of(s3.endpoint(), bucket, "us-east-1", S3Provider.AWS).withPathStyle(true).withPartSize(PART);
    }

    @Test
    void partsSentWithChecksumsMakeTheFile() throws IOException {
        byte[] data = random(2 * PART + 4321, 1);
        String id = create(data.length).id();
        append(id, data, 0, PART + 10);
        append(id, data, PART + 10, data.length);
        assertFinished(id, data);
    }

    @Test
    void copiedPartsMakeTheFileToo() throws IOException {
        byte[] a = random(PART, 2);
        byte[] b = random(1000, 3);
        String first = store.create(UploadInfo.create(a.length, Metadata.EMPTY, Concat.PARTIAL, Instant.now())).id();
        append(first, a, 0, a.length);
        String second = store.create(UploadInfo.create(b.length, Metadata.EMPTY, Concat.PARTIAL, Instant.now())).id();
        append(second, b, 0, b.length);
        String fin = store.create(UploadInfo.create(a.length + b.length, Metadata.EMPTY,
                Concat.finalOf(List.of(first, second)), Instant.now())).id();
        store.concatenate(fin);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(a);
        all.writeBytes(b);
        assertArrayEquals(all.toByteArray(), download(fin));
    }
}
