package dev.carryon.core.disk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.core.Concat;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The small JSON file beside each upload's data: what cannot be derived from the data file. Written
 * atomically (temporary file, fsync, rename), so a crash leaves either the old or the new version.
 */
final class InfoFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The stored form; {@code length} is null while deferred. */
    record Stored(String id, Long length, Map<String, String> metadata, String concat, List<String> parts,
                  String createdAt) {

        static Stored of(UploadInfo info) {
            return new Stored(info.id(), info.isLengthKnown() ? info.length() : null, info.metadata().entries(),
                    info.concat().role().name(), info.concat().partIds(), info.createdAt().toString());
        }

        UploadInfo toInfo(long offset) {
            Concat.Role role = Concat.Role.valueOf(concat);
            Concat c = switch (role) {
                case NONE -> Concat.NONE;
                case PARTIAL -> Concat.PARTIAL;
                case FINAL -> Concat.finalOf(parts);
            };
            return new UploadInfo(id, length == null ? UploadInfo.UNKNOWN_LENGTH : length, offset,
                    new Metadata(metadata == null ? Map.of() : metadata), c, Instant.parse(createdAt), null);
        }
    }

    private InfoFile() {
    }

    /** Reads an info file; a missing one is a {@link java.nio.file.NoSuchFileException}, as for any file. */
    static Stored read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), Stored.class);
        } catch (java.io.FileNotFoundException gone) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
    }

    static void write(Path file, UploadInfo info) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(Stored.of(info));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // A full disk leaves the old version in place and no half-written temporary file behind.
            Files.deleteIfExists(tmp);
            throw StorageFullException.translate(e);
        }
    }
}
