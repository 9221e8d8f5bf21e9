package dev.carryon.s3;

import dev.carryon.core.Concat;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concatenation: partial uploads large enough are copied into the final upload by the service, smaller ones
 * are gathered into parts of the minimum size, and the final object has every byte in order.
 */
class S3ConcatenationTest extends S3StoreFixture {

    private String partial(byte[] data) throws IOException {
        UploadInfo info = store.create(UploadInfo.create(data.length, Metadata.EMPTY, Concat.PARTIAL, Instant.now()));
        find(info.id()).append(0, trickle(data, 0, data.length), ChunkCheck.NONE);
        return info.id();
    }

    private void assertJoined(byte[]... partials) throws IOException {
        List<String> ids = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] data : partials) {
            ids.add(partial(data));
            all.writeBytes(data);
        }
        UploadInfo fin = store.create(UploadInfo.create(all.size(), Metadata.EMPTY, Concat.finalOf(ids), Instant.now()));
        UploadInfo done = store.concatenate(fin.id());
        assertTrue(done.isComplete());
        assertEquals(all.size(), done.length());
        assertFinished(fin.id(), all.toByteArray());
        assertArrayEquals(all.toByteArray(), download(fin.id()));
    }

    @Test
    void largePartialsAreCopiedAndSmallOnesGathered() throws IOException {
        // copied whole; gathered and topped up from the next one; its rest gathered with the last one
        assertJoined(random(6 * MIB, 1), random(100_000, 2), random(6 * MIB + 1, 3), random(3 * MIB, 4));
    }

    @Test
    void partialsOfExactlyTheMinimumAreEachCopied() throws IOException {
        assertJoined(random(PART, 5), random(PART, 6), random(7, 7));
    }

    @Test
    void aSmallLastPartialIsCopiedAsTheLastPart() throws IOException {
        assertJoined(random(PART + 1, 8), random(1, 9));
    }

    @Test
    void smallPartialsAloneMakeOnePart() throws IOException {
        assertJoined(random(1, 10), random(0, 11), random(1000, 12));
    }

    @Test
    void emptyPartialsMakeAnEmptyObject() throws IOException {
        assertJoined(random(0, 13), random(0, 14));
    }

    @Test
    void aFinalUploadWaitsForItsPartsBeforeItIsJoined() throws IOException {
        byte[] data = random(2000, 15);
        UploadInfo part = store.create(UploadInfo.create(data.length, Metadata.EMPTY, Concat.PARTIAL, Instant.now()));
        UploadInfo fin = store.create(UploadInfo.create(data.length, Metadata.EMPTY,
                Concat.finalOf(List.of(part.id())), Instant.now()));
        try (var readable = store.openStoredBytes(fin.id())) {
            assertEquals(0, readable.length());
        }
        assertEquals(0, find(fin.id()).info().offset());
        append(part.id(), data, 0, data.length);
        assertEquals(data.length, store.concatenate(fin.id()).offset());
        assertArrayEquals(data, download(fin.id()));
    }
}
