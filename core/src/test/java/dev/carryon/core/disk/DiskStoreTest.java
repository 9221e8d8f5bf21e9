package dev.carryon.core.disk;

import dev.carryon.core.Concat;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.UploadStore;
import dev.carryon.core.store.UploadStoreContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskStoreTest extends UploadStoreContract {

    @Override
    protected UploadStore openStore(Path tempDir, Duration expireAfter) throws IOException {
        return new DiskStore(tempDir.resolve("data"), expireAfter);
    }

    @Test
    void discardsACheckedChunkThatBrokeOff() throws Exception {
        byte[] data = randomBytes(500_000, 20);
        UploadInfo info = newUpload(data.length);
        find(info.id()).append(0, slice(data, 0, 1000), dev.carryon.core.store.ChunkCheck.NONE);
        assertThrows(IOException.class,
                () -> find(info.id()).append(1000, failingAfter(data, 123_456, new IOException("cut")), () -> { }));
        assertEquals(1000, find(info.id()).info().offset());
        store.close();
        store = openStore(tempDir, Duration.ofHours(1));
        assertEquals(1000, find(info.id()).info().offset());
    }

    @Test
    void keepsUncheckedBytesAcrossARestart() throws Exception {
        byte[] data = randomBytes(500_000, 21);
        UploadInfo info = newUpload(data.length);
        assertThrows(IOException.class, () -> find(info.id()).append(0,
                failingAfter(data, 222_222, new IOException("cut")), dev.carryon.core.store.ChunkCheck.NONE));
        store.close();
        store = openStore(tempDir, Duration.ofHours(1));
        assertEquals(222_222, find(info.id()).info().offset());
        find(info.id()).append(222_222, slice(data, 222_222, data.length), dev.carryon.core.store.ChunkCheck.NONE);
        assertArrayEquals(data, readAll(info.id()));
    }

    @Test
    void rollsBackAChunkLeftPendingByACrash() throws Exception {
        UploadInfo info = newUpload(1000);
        find(info.id()).append(0, slice(randomBytes(100, 22), 0, 100), dev.carryon.core.store.ChunkCheck.NONE);
        // What a process killed in the middle of a checked chunk leaves behind.
        Path dir = ((DiskStore) store).directory();
        Files.write(dir.resolve(info.id() + ".bin"), randomBytes(300, 23), java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(info.id() + ".pending"), "100");
        store.close();
        store = openStore(tempDir, Duration.ofHours(1));
        assertEquals(100, find(info.id()).info().offset());
        assertFalse(Files.exists(dir.resolve(info.id() + ".pending")));
    }

    @Test
    void refusesASecondStoreOnTheSameDirectory() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DiskStore(tempDir.resolve("data"), null).close());
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }

    @Test
    void keepsEveryFileInsideTheDataDirectory() throws IOException {
        UploadInfo info = store.create(UploadInfo.create(5, Metadata.parse("filename Li4vLi4vZXRjL3Bhc3N3ZA=="),
                Concat.NONE, Instant.now()));
        find(info.id()).append(0, slice(randomBytes(5, 24), 0, 5), dev.carryon.core.store.ChunkCheck.NONE);
        Path dir = ((DiskStore) store).directory();
        try (Stream<Path> all = Files.walk(tempDir)) {
            all.filter(Files::isRegularFile).forEach(p -> assertTrue(p.startsWith(dir), p.toString()));
        }
    }

    @Test
    void refusesAppendsToAFinalUpload() throws IOException {
        UploadInfo part = store.create(UploadInfo.create(0, Metadata.EMPTY, Concat.PARTIAL, Instant.now()));
        UploadInfo fin = store.create(UploadInfo.create(0, Metadata.EMPTY,
                Concat.finalOf(java.util.List.of(part.id())), Instant.now()));
        assertEquals(ErrorCode.MODIFY_FINAL, assertThrows(UploadException.class,
                () -> find(fin.id()).append(0, java.io.InputStream.nullInputStream(),
                        dev.carryon.core.store.ChunkCheck.NONE)).code());
    }
}
