package dev.carryon.s3;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appends that make parts: small ones gathered in tail segments, large ones pipelined, broken and refused ones. */
class S3AppendTest extends S3StoreFixture {

    @Test
    void smallAppendsGatherUntilTheyMakeAPart() throws IOException {
        byte[] data = random(PART + MIB + 123, 1);
        String id = create(data.length).id();
        int chunk = 150 * 1024; // 35 appends per part: the tail is merged on the way
        for (int at = 0; at < data.length; at += chunk) {
            int to = Math.min(at + chunk, data.length);
            assertEquals(to, append(id, data, at, to));
            UploadRecord record = store.records().load(id).orElseThrow();
            assertTrue(record.tail().size() <= Appender.MAX_SEGMENTS, record.tail()::toString);
            if (to < data.length) {
                // only the record and the segments it names are in the bucket: consumed ones were deleted
                assertEquals(1 + record.tail().size(), keys().size(), keys()::toString);
                assertEquals(to / PART, record.parts().size());
            }
        }
        assertFinished(id, data);
        assertArrayEquals(data, download(id));
    }

    @Test
    void aLargeAppendIsSentInPartsWhileItArrives() throws IOException {
        byte[] data = random(4 * PART + 77, 2);
        String id = create(data.length).id();
        // The body stops after three parts until the first part counts: it only can if parts are sent meanwhile.
        AtomicBoolean waited = new AtomicBoolean();
        InputStream body = new InputStream() {
            private final InputStream rest = trickle(data, 0, data.length);
            private int read;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 3 * PART && !waited.get()) {
                    awaitOffset(id, PART);
                    waited.set(true);
                }
                int n = rest.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
        assertEquals(data.length, find(id).append(0, body, ChunkCheck.NONE));
        assertTrue(waited.get());
        assertFinished(id, data);
    }

    private void awaitOffset(String id, long offset) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (find(id).info().offset() < offset) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no part counted while the body was still arriving");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Test
    void aBodyThatBreaksKeepsEveryByteThatArrived() throws IOException {
        byte[] data = random(3 * PART + 999, 3);
        String id = create(data.length).id();
        append(id, data, 0, 1000);
        IOException cut = new IOException("connection reset");
        int arrived = 2 * PART + 12345;
        assertSame(cut, assertThrows(IOException.class,
                () -> find(id).append(1000, breaking(data, 1000, arrived, cut), ChunkCheck.NONE)));
        assertEquals(arrived, find(id).info().offset());
        reopen(); // as a restarted server
        assertEquals(arrived, find(id).info().offset());
        try (var readable = store.openStoredBytes(id)) {
            assertEquals(0, readable.length(), "the parts of an unfinished multipart upload cannot be read back");
        }
        assertEquals(data.length, append(id, data, arrived, data.length));
        assertFinished(id, data);
    }

    @Test
    void aCheckedChunkCountsOnlyOnceItsCheckPasses() throws IOException {
        byte[] data = random(3 * PART, 4);
        String id = create(data.length).id();
        append(id, data, 0, 1000);
        UploadException mismatch = new UploadException(ErrorCode.CHECKSUM_MISMATCH);
        assertSame(mismatch, assertThrows(UploadException.class, () -> find(id).append(1000,
                trickle(data, 1000, 2 * PART + 5), () -> {
                    throw mismatch;
                })));
        assertEquals(1000, find(id).info().offset());
        IOException cut = new IOException("cut");
        assertThrows(IOException.class, () -> find(id).append(1000, breaking(data, 1000, 2 * PART, cut), () -> { }));
        assertEquals(1000, find(id).info().offset());
        assertEquals(2 * PART + 5, find(id).append(1000, trickle(data, 1000, 2 * PART + 5), () -> { }));
        assertEquals(data.length, find(id).append(2 * PART + 5, trickle(data, 2 * PART + 5, data.length), () -> { }));
        assertFinished(id, data);
    }

    @Test
    void aRefusedChunkIsTakenBackEvenAfterSomeOfItsPartsCounted() throws IOException {
        byte[] data = random(3 * PART, 5);
        String id = create(UploadInfo.UNKNOWN_LENGTH).id();
        append(id, data, 0, 1000);
        UploadException tooLong = new UploadException(ErrorCode.UPLOAD_TOO_LARGE);
        InputStream body = breaking(data, 1000, 3 * PART, tooLong);
        assertSame(tooLong, assertThrows(UploadException.class, () -> find(id).append(1000, body, ChunkCheck.NONE)));
        assertEquals(1000, find(id).info().offset());
        assertEquals(data.length, append(id, data, 1000, data.length));
        store.declareLength(id, data.length);
        assertFinished(id, data);
    }

    @Test
    void aDeferredLengthDeclaredLaterCompletesTheUpload() throws IOException {
        byte[] data = random(PART + 2 * MIB, 6);
        String id = create(UploadInfo.UNKNOWN_LENGTH).id();
        append(id, data, 0, data.length);
        assertEquals(1, store.records().load(id).orElseThrow().parts().size());
        assertEquals(data.length, store.declareLength(id, data.length).offset());
        assertFinished(id, data);
    }

    @Test
    void partsBeyondTheMemoryBudgetWaitInFiles() throws IOException {
        store.close();
        store = open(config().withMemoryBudget(0, null));
        byte[] data = random(2 * PART + 3, 7);
        String id = create(data.length).id();
        assertEquals(data.length, find(id).append(0, trickle(data, 0, data.length), ChunkCheck.NONE));
        assertFinished(id, data);
    }

    /** A body of {@code data[from, to)} that then fails with {@code failure}. */
    static InputStream breaking(byte[] data, int from, int to, Exception failure) {
        InputStream bytes = trickle(data, from, to);
        return new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = bytes.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
        };
    }
}
