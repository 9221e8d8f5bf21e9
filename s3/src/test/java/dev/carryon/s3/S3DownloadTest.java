package dev.carryon.s3;

import dev.carryon.core.store.StoredBytes;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading stored bytes for downloads: one ranged GET for a sequential read, exactly the planned span for a
 * range, a new GET only where a read jumps, and unfinished small uploads read across their segments.
 */
class S3DownloadTest extends S3StoreFixture {
    /** The Range of every GetObject the store sends. */
    private final List<String> gets = new CopyOnWriteArrayList<>();

    @Override
    S3Store open(S3StoreConfig config) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetObjectRequest get && get.range() != null) {
                    gets.add(get.range());
                }
            }
        };
        var client = S3Clients.builder(config, s3.credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
        return new S3Store(config, client, Clock.systemUTC());
    }

    private static int readInto(StoredBytes bytes, byte[] target, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        while (buffer.hasRemaining()) {
            if (bytes.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position();
    }

    @Test
    void aSequentialReadIsOneGet() throws IOException {
        byte[] data = random(2 * PART + 1234, 1);
        String id = create(data.length).id();
        append(id, data, 0, data.length);
        gets.clear();
        assertArrayEquals(data, download(id));
        assertEquals(List.of("bytes=0-" + (data.length - 1)), gets);
    }

    @Test
    void plannedRangesFetchExactlyTheirBytes() throws IOException {
        byte[] data = random(PART + 999, 2);
        String id = create(data.length).id();
        append(id, data, 0, data.length);
        gets.clear();
        try (StoredBytes bytes = store.openStoredBytes(id)) {
            for (long[] range : new long[][]{{100, 200}, {PART - 10, PART + 500}, {data.length - 1, data.length}}) {
                bytes.readAhead(range[0], range[1]);
                byte[] got = new byte[(int) (range[1] - range[0])];
                assertEquals(got.length, readInto(bytes, got, range[0], got.length));
                assertArrayEquals(Arrays.copyOfRange(data, (int) range[0], (int) range[1]), got);
            }
        }
        assertEquals(List.of("bytes=100-199", "bytes=" + (PART - 10) + "-" + (PART + 499),
                "bytes=" + (data.length - 1) + "-" + (data.length - 1)), gets);
    }

    @Test
    void onlyAJumpOpensANewGet() throws IOException {
        byte[] data = random(3 * MIB, 3);
        String id = create(data.length).id();
        append(id, data, 0, data.length);
        gets.clear();
        try (StoredBytes bytes = store.openStoredBytes(id)) {
            byte[] got = new byte[1000];
            readInto(bytes, got, 0, 1000);
            readInto(bytes, got, 1000, 1000); // continues the same GET
            readInto(bytes, got, 50_000, 1000);
            assertArrayEquals(Arrays.copyOfRange(data, 50_000, 51_000), got);
        }
        assertEquals(List.of("bytes=0-" + (data.length - 1), "bytes=50000-" + (data.length - 1)), gets);
    }

    @Test
    void anUnfinishedSmallUploadIsReadAcrossItsSegments() throws IOException {
        byte[] data = random(10_000, 4);
        String id = create(PART + 1).id();
        append(id, data, 0, 100);
        append(id, data, 100, 5000);
        append(id, data, 5000, 10_000);
        assertArrayEquals(data, download(id));
        try (StoredBytes bytes = store.openStoredBytes(id)) {
            assertEquals(10_000, bytes.length());
            byte[] got = new byte[200];
            assertEquals(200, readInto(bytes, got, 4900, 200));
            assertArrayEquals(Arrays.copyOfRange(data, 4900, 5100), got);
        }
    }
}
