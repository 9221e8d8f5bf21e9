package dev.carryon.core.disk;

import dev.carryon.core.Concat;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A final upload of a concatenation is unfinished, with its parts' total length, until it is concatenated. */
class DiskStoreFinalUploadTest {
    @TempDir
    Path dir;
    private DiskStore store;

    @BeforeEach
    void open() throws Exception {
        store = new DiskStore(dir, Duration.ofHours(1));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aFinalUploadIsUnfinishedUntilConcatenated() throws Exception {
        String first = partial("Hello, ");
        String second = partial("world");
        UploadInfo created = store.create(UploadInfo.create(12, Metadata.EMPTY, Concat.finalOf(List.of(first, second)),
                Instant.now()));

        UploadInfo before = store.find(created.id()).orElseThrow().info();
        assertEquals(12, before.length());
        assertEquals(0, before.offset());
        assertFalse(before.isComplete());

        UploadInfo after = store.concatenate(created.id());
        assertTrue(after.isComplete());
        assertEquals(12, after.offset());
        assertEquals("Hello, world", Files.readString(store.files().dataFile(created.id()), StandardCharsets.UTF_8));
    }

    private String partial(String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        UploadInfo info = store.create(UploadInfo.create(bytes.length, Metadata.EMPTY, Concat.PARTIAL, Instant.now()));
        store.find(info.id()).orElseThrow().append(0, new ByteArrayInputStream(bytes), ChunkCheck.NONE);
        return info.id();
    }
}
