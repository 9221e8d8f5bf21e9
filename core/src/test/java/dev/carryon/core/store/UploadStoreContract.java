package dev.carryon.core.store;

import dev.carryon.core.Concat;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadIds;
import dev.carryon.core.UploadInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link UploadStore} must do, whatever keeps the bytes. Each store's test extends this class and
 * says how to open the store; capabilities a store does not implement are skipped.
 */
public abstract class UploadStoreContract {
    @TempDir
    protected Path tempDir;
    protected UploadStore store;

    /** Opens the store under test; unfinished uploads expire {@code expireAfter} after their last change. */
    protected abstract UploadStore openStore(Path tempDir, Duration expireAfter) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore(tempDir, Duration.ofHours(1));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    protected static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected UploadInfo newUpload(long length) throws IOException {
        return store.create(UploadInfo.create(length, Metadata.EMPTY, Concat.NONE, Instant.now()));
    }

    protected Upload find(String id) throws IOException {
        return store.find(id).orElseThrow();
    }

    protected byte[] readAll(String id) throws IOException {
        assumeTrue(store instanceof RangeReadable, "store cannot serve bytes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StoredBytes bytes = ((RangeReadable) store).openStoredBytes(id)) {
            assertEquals(find(id).info().offset(), bytes.length());
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int n; (n = bytes.read(buffer.clear(), out.size())) >= 0; ) {
                out.write(buffer.array(), 0, n);
            }
        }
        return out.toByteArray();
    }

    @Test
    void shouldCreateUploads() throws IOException {
        Metadata metadata = Metadata.parse("filename dGVzdC5tcDQ=,flag");
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UploadInfo info = store.create(UploadInfo.create(1000, metadata, Concat.NONE, created));
        UploadInfo found = find(info.id()).info();
        assertEquals(1000, found.length());
        assertEquals(0, found.offset());
        assertEquals(Map.of("filename", "dGVzdC5tcDQ=", "flag", ""), found.metadata().entries());
        assertEquals(List.of("filename", "flag"), List.copyOf(found.metadata().entries().keySet()));
        assertEquals(created, found.createdAt());
        assertFalse(found.isComplete());
    }

    @Test
    void shouldNotFindUnknownOrMalformedIds() throws IOException {
        assertTrue(store.find(UploadIds.random()).isEmpty());
        assertTrue(store.find("../" + UploadIds.random()).isEmpty());
        assertTrue(store.find("").isEmpty());
    }

    @Test
    void shouldWriteUploadsInChunks() throws IOException {
        byte[] data = randomBytes(300_000, 1);
        UploadInfo info = newUpload(data.length);
        Upload upload = find(info.id());
        assertEquals(100_000, upload.append(0, slice(data, 0, 100_000), ChunkCheck.NONE));
        assertEquals(300_000, upload.append(100_000, slice(data, 100_000, 300_000), ChunkCheck.NONE));
        assertTrue(upload.info().isComplete());
        assertArrayEquals(data, readAll(info.id()));
    }

    @Test
    void shouldHandleEmptyAppends() throws IOException {
        UploadInfo info = newUpload(10);
        assertEquals(0, find(info.id()).append(0, InputStream.nullInputStream(), ChunkCheck.NONE));
        UploadInfo empty = newUpload(0);
        assertTrue(find(empty.id()).info().isComplete());
    }

    @Test
    void shouldRefuseAppendsAtTheWrongOffset() throws IOException {
        UploadInfo info = newUpload(100);
        Upload upload = find(info.id());
        upload.append(0, slice(randomBytes(10, 2), 0, 10), ChunkCheck.NONE);
        UploadException e = assertThrows(UploadException.class,
                () -> upload.append(5, slice(randomBytes(10, 3), 0, 10), ChunkCheck.NONE));
        assertEquals(ErrorCode.OFFSET_MISMATCH, e.code());
        assertEquals(10, upload.info().offset());
    }

    @Test
    void shouldKeepWhatArrivedWhenTheBodyBreaks() throws IOException {
        byte[] data = randomBytes(1_000_000, 4);
        UploadInfo info = newUpload(data.length);
        Upload upload = find(info.id());
        IOException broken = new IOException("connection reset");
        assertSame(broken, assertThrows(IOException.class,
                () -> upload.append(0, failingAfter(data, 700_000, broken), ChunkCheck.NONE)));
        assertEquals(700_000, upload.info().offset());
        assertArrayEquals(slice(data, 0, 700_000).readAllBytes(), readAll(info.id()));
        assertEquals(data.length, upload.append(700_000, slice(data, 700_000, data.length), ChunkCheck.NONE));
        assertArrayEquals(data, readAll(info.id()));
    }

    @Test
    void shouldDiscardAChunkThatFailsItsCheck() throws IOException {
        byte[] data = randomBytes(200_000, 5);
        UploadInfo info = newUpload(data.length);
        Upload upload = find(info.id());
        upload.append(0, slice(data, 0, 50_000), ChunkCheck.NONE);
        UploadException mismatch = new UploadException(ErrorCode.CHECKSUM_MISMATCH);
        assertSame(mismatch, assertThrows(UploadException.class,
                () -> upload.append(50_000, slice(data, 50_000, 200_000), () -> {
                    throw mismatch;
                })));
        assertEquals(50_000, upload.info().offset());
        UploadException tooLong = new UploadException(ErrorCode.BODY_EXCEEDS_LENGTH);
        assertThrows(UploadException.class,
                () -> upload.append(50_000, failingAfter(data, 120_000, tooLong), ChunkCheck.NONE));
        assertEquals(50_000, upload.info().offset());
        assertEquals(data.length, upload.append(50_000, slice(data, 50_000, data.length), () -> { }));
        assertArrayEquals(data, readAll(info.id()));
    }

    @Test
    void shouldDeferTheLength() throws IOException {
        assumeTrue(store instanceof LengthDeferrable, "store cannot defer lengths");
        LengthDeferrable deferrable = (LengthDeferrable) store;
        UploadInfo info = newUpload(UploadInfo.UNKNOWN_LENGTH);
        Upload upload = find(info.id());
        assertFalse(upload.info().isLengthKnown());
        upload.append(0, slice(randomBytes(1000, 6), 0, 1000), ChunkCheck.NONE);
        assertEquals(ErrorCode.LENGTH_CONFLICT,
                assertThrows(UploadException.class, () -> deferrable.declareLength(info.id(), 999)).code());
        UploadInfo declared = deferrable.declareLength(info.id(), 1000);
        assertEquals(1000, declared.length());
        assertTrue(find(info.id()).info().isComplete());
        assertEquals(ErrorCode.LENGTH_CONFLICT,
                assertThrows(UploadException.class, () -> deferrable.declareLength(info.id(), 1000)).code());
    }

    @Test
    void shouldConcatenatePartialUploads() throws IOException {
        assumeTrue(store instanceof Concatenatable, "store cannot concatenate");
        byte[] a = randomBytes(70_000, 7);
        byte[] b = randomBytes(1, 8);
        byte[] c = randomBytes(130_000, 9);
        List<String> parts = new java.util.ArrayList<>();
        for (byte[] part : List.of(a, b, c)) {
            UploadInfo info = store.create(UploadInfo.create(part.length, Metadata.EMPTY, Concat.PARTIAL, Instant.now()));
            find(info.id()).append(0, new ByteArrayInputStream(part), ChunkCheck.NONE);
            parts.add(info.id());
        }
        UploadInfo fin = store.create(UploadInfo.create(a.length + b.length + c.length, Metadata.EMPTY,
                Concat.finalOf(parts), Instant.now()));
        assertFalse(find(fin.id()).info().isComplete());
        UploadInfo done = ((Concatenatable) store).concatenate(fin.id());
        assertTrue(done.isComplete());
        assertEquals(Concat.finalOf(parts), done.concat());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(a);
        expected.writeBytes(b);
        expected.writeBytes(c);
        assertArrayEquals(expected.toByteArray(), readAll(fin.id()));
        assertEquals(ErrorCode.MODIFY_FINAL, assertThrows(UploadException.class,
                () -> find(fin.id()).append(done.offset(), InputStream.nullInputStream(), ChunkCheck.NONE)).code());
    }

    @Test
    void shouldTerminateUploads() throws IOException {
        assumeTrue(store instanceof Terminatable, "store cannot terminate");
        UploadInfo info = newUpload(10);
        find(info.id()).append(0, slice(randomBytes(5, 10), 0, 5), ChunkCheck.NONE);
        ((Terminatable) store).terminate(info.id());
        assertTrue(store.find(info.id()).isEmpty());
        ((Terminatable) store).terminate(info.id());
        ((Terminatable) store).terminate(UploadIds.random());
    }

    @Test
    void shouldExpireOnlyUnfinishedUploads() throws Exception {
        assumeTrue(store instanceof Expirable, "store does not expire uploads");
        store.close();
        store = openStore(tempDir, Duration.ofMillis(1));
        UploadInfo unfinished = newUpload(10);
        UploadInfo finished = newUpload(3);
        find(finished.id()).append(0, slice(randomBytes(3, 11), 0, 3), ChunkCheck.NONE);
        assertNotNull(find(unfinished.id()).info().expiresAt());
        assertNull(find(finished.id()).info().expiresAt());
        Thread.sleep(20);
        assertEquals(List.of(unfinished.id()), ((Expirable) store).expiredBefore(Instant.now()));
    }

    protected static InputStream slice(byte[] data, int from, int to) {
        return new ByteArrayInputStream(data, from, to - from);
    }

    @Test
    void listsEveryUploadOnceNewestFirstAcrossPages() throws IOException {
        assumeTrue(store instanceof Listable, "store cannot list");
        java.util.Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(newUpload(10 + i).id());
        }
        List<UploadInfo> seen = new java.util.ArrayList<>();
        ListCursor after = null;
        int pages = 0;
        do {
            UploadPage page = ((Listable) store).list(after, 3);
            assertTrue(page.uploads().size() <= 3, "a page holds at most the limit");
            seen.addAll(page.uploads());
            after = page.next();
            pages++;
        } while (after != null && pages < 10);
        assertEquals(created, seen.stream().map(UploadInfo::id).collect(java.util.stream.Collectors.toSet()));
        assertEquals(created.size(), seen.size(), "no upload is listed twice");
        assertEquals(seen.stream().sorted(ListCursor.NEWEST_FIRST).toList(), seen);
        assertTrue(pages >= 3, "seven uploads by three make three pages");
    }

    @Test
    void listingShowsStoredOffsetsAndForgetsTerminatedUploads() throws IOException {
        assumeTrue(store instanceof Listable && store instanceof Terminatable, "store cannot list or terminate");
        byte[] data = randomBytes(1000, 7);
        UploadInfo kept = newUpload(data.length);
        find(kept.id()).append(0, slice(data, 0, 400), ChunkCheck.NONE);
        UploadInfo gone = newUpload(5);
        ((Terminatable) store).terminate(gone.id());
        List<UploadInfo> listed = ((Listable) store).list(null, 100).uploads();
        assertEquals(List.of(kept.id()), listed.stream().map(UploadInfo::id).toList());
        assertEquals(400, listed.getFirst().offset());
    }

    @Test
    void replacedMetadataIsKeptWithTheBytes() throws IOException {
        assumeTrue(store instanceof MetadataEditable, "store cannot edit metadata");
        byte[] data = randomBytes(300, 8);
        UploadInfo info = store.create(UploadInfo.create(data.length, Metadata.parse("filename aGVsbG8="),
                Concat.NONE, Instant.now()));
        find(info.id()).append(0, slice(data, 0, 100), ChunkCheck.NONE);
        Metadata edited = Metadata.parse("filename aGVsbG8=,duration NC41");
        UploadInfo replaced = ((MetadataEditable) store).replaceMetadata(info.id(), edited);
        assertEquals(edited, replaced.metadata());
        UploadInfo found = find(info.id()).info();
        assertEquals(edited, found.metadata());
        assertEquals(100, found.offset());
        assertEquals("4.5", found.metadata().text("duration").orElseThrow());
        UploadException missing = assertThrows(UploadException.class,
                () -> ((MetadataEditable) store).replaceMetadata(UploadIds.random(), edited));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
    }

    /** A body that delivers the first {@code n} bytes of {@code data}, then fails with {@code failure}. */
    protected static InputStream failingAfter(byte[] data, int n, Exception failure) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int off, int len) throws IOException {
                if (position >= n) {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) failure;
                }
                int count = Math.min(Math.min(len, n - position), 8192);
                System.arraycopy(data, position, bytes, off, count);
                position += count;
                return count;
            }
        };
    }
}
