package dev.carryon.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints as files in a directory, one per key, named by the SHA-256 of the key (keys hold paths and
 * URLs, which make poor file names). A save writes a temporary file, forces it to disk and renames it over
 * the old one, so a crash leaves either the old or the new checkpoint, never a torn one. Several processes
 * may share the directory.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private final Path directory;

    /** A store in {@code directory}, created when the first checkpoint is saved. */
    public FileCheckpointStore(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** The default store, in {@code ~/.carryon/checkpoints}. */
    public static FileCheckpointStore inUserHome() {
        return new FileCheckpointStore(defaultDirectory());
    }

    /** {@code ~/.carryon/checkpoints}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".carryon", "checkpoints");
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<String> load(String key) throws IOException {
        try {
            return Optional.of(Files.readString(fileOf(key), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(String key, String json) throws IOException {
        Files.createDirectories(directory);
        Path target = fileOf(key);
        Path tmp = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(StandardCharsets.UTF_8.encode(json));
                out.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void remove(String key) throws IOException {
        Files.deleteIfExists(fileOf(key));
    }

    /** Removes checkpoints not saved for {@code age}, such as those of transfers given up long ago. */
    public void prune(Duration age) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Instant before = Instant.now().minus(age);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Path fileOf(String key) {
        byte[] hash = ChecksumAlgorithm.SHA256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8));
        return directory.resolve(HexFormat.of().formatHex(hash) + ".json");
    }
}
