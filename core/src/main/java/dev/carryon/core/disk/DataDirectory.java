package dev.carryon.core.disk;

import dev.carryon.core.UploadIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of a {@link DiskStore}: the names of each upload's files, the lock that keeps a second
 * process out, and the repair of what a crash left behind. Every name is built from a validated id, so no
 * path can point outside the directory.
 */
final class DataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock processLock;

    /**
     * Opens (creating it if needed) the directory and rolls back chunks a crash left unverified.
     *
     * @throws IllegalStateException if another process uses the directory
     */
    DataDirectory(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir).toRealPath();
        this.lockChannel = FileChannel.open(this.dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        this.processLock = tryLock(lockChannel);
        if (processLock == null) {
            lockChannel.close();
            throw new IllegalStateException("the data directory " + this.dir + " is in use by another process");
        }
        rollBackPendingChunks();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null;
        }
    }

    Path path() {
        return dir;
    }

    /** The upload's bytes. */
    Path dataFile(String id) {
        return dir.resolve(checked(id) + ".bin");
    }

    /** What the upload's bytes cannot tell: length, metadata, concatenation. */
    Path infoFile(String id) {
        return dir.resolve(checked(id) + ".info");
    }

    /** Present while a chunk awaits its check; holds the offset to return to if the check never runs. */
    Path pendingFile(String id) {
        return dir.resolve(checked(id) + ".pending");
    }

    private static String checked(String id) {
        if (!UploadIds.isValid(id)) {
            throw new IllegalArgumentException("not an upload id");
        }
        return id;
    }

    /** Makes the creation, renaming and removal of files in the directory durable. */
    void sync() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be opened for syncing; the files themselves are synced.
            LOG.debug("could not sync directory {}", dir, e);
        }
    }

    /** The ids of all stored uploads. */
    List<String> ids() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".info"))
                    .map(name -> name.substring(0, name.length() - ".info".length()))
                    .filter(UploadIds::isValid)
                    .toList();
        }
    }

    private void rollBackPendingChunks() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path marker : files.filter(p -> p.getFileName().toString().endsWith(".pending")).toList()) {
                String id = marker.getFileName().toString().replace(".pending", "");
                if (!UploadIds.isValid(id)) {
                    continue;
                }
                long offset = Long.parseLong(Files.readString(marker).strip());
                try (FileChannel ch = FileChannel.open(dataFile(id), StandardOpenOption.WRITE)) {
                    if (ch.size() > offset) {
                        ch.truncate(offset);
                        ch.force(false);
                    }
                } catch (NoSuchFileException ignored) {
                    // nothing to roll back
                }
                Files.delete(marker);
                LOG.info("discarded an unverified chunk of upload {} after restart; offset is {}", id, offset);
            }
        }
    }

    @Override
    public void close() throws IOException {
        processLock.release();
        lockChannel.close();
    }
}
