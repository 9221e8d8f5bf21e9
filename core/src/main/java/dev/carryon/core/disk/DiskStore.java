package dev.carryon.core.disk;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadIds;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.Concatenatable;
import dev.carryon.core.store.Expirable;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.core.store.StoredBytes;
import dev.carryon.core.store.Upload;
import dev.carryon.core.store.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Uploads as plain files in one directory: {@code ID.bin} holds the bytes, {@code ID.info} the rest.
 *
 * <p>The offset of an upload is the size of its data file, which is forced to disk before any offset is
 * acknowledged; so after a crash the offsets are simply read back from the files. A chunk that must pass a
 * check (a checksum) first leaves an {@code ID.pending} marker holding the offset to return to, so a crash
 * before the check never lets unverified bytes count. Finishing an upload costs nothing: the data file
 * already is the file.
 */
public final class DiskStore implements UploadStore, Concatenatable, LengthDeferrable, Expirable, RangeReadable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskStore.class);

    private final Path dir;
    private final Duration expireAfter;
    private final FileChannel lockChannel;
    private final FileLock processLock;
    /** Uploads with an append in progress, and how far their bytes are on disk. */
    private final ConcurrentHashMap<String, AtomicLong> appending = new ConcurrentHashMap<>();

    /**
     * Opens (creating it if needed) a store in {@code dir} and repairs what a crash left behind.
     *
     * @param expireAfter how long an unfinished upload lives after its last change; null or zero for ever
     * @throws IllegalStateException if another process uses the directory
     */
    public DiskStore(Path dir, Duration expireAfter) throws IOException {
        this.dir = Files.createDirectories(dir).toRealPath();
        this.expireAfter = expireAfter == null || expireAfter.isZero() ? null : expireAfter;
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
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            return null;
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public String describe() {
        return "disk store in " + dir;
    }

    @Override
    public UploadInfo create(UploadInfo info) throws IOException {
        // The info file comes first: a crash before the data file exists leaves an empty upload, never an
        // orphaned data file. A final upload gets its data file only when its parts are joined.
        InfoFile.write(infoFile(info.id()), info);
        if (!info.concat().isFinal()) {
            Files.createFile(dataFile(info.id()));
        }
        syncDirectory();
        return find(info.id()).orElseThrow().info();
    }

    @Override
    public Optional<Upload> find(String id) throws IOException {
        if (!UploadIds.isValid(id) || !Files.exists(infoFile(id))) {
            return Optional.empty();
        }
        return Optional.of(new DiskUpload(this, id));
    }

    @Override
    public void terminate(String id) throws IOException {
        if (!UploadIds.isValid(id)) {
            return;
        }
        Files.deleteIfExists(infoFile(id));
        Files.deleteIfExists(dataFile(id));
        Files.deleteIfExists(pendingFile(id));
    }

    @Override
    public UploadInfo declareLength(String id, long length) throws IOException {
        UploadInfo info = read(id);
        if (info.isLengthKnown()) {
            throw new UploadException(ErrorCode.LENGTH_CONFLICT);
        }
        if (length < info.offset()) {
            throw new UploadException(ErrorCode.LENGTH_CONFLICT, "Upload-Length is less than what is stored");
        }
        InfoFile.write(infoFile(id), info.withLength(length));
        return read(id);
    }

    @Override
    public UploadInfo concatenate(String id) throws IOException {
        UploadInfo info = read(id);
        Path tmp = dir.resolve(id + ".bin.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String part : info.concat().partIds()) {
                try (FileChannel in = FileChannel.open(dataFile(part), StandardOpenOption.READ)) {
                    long size = in.size();
                    for (long done = 0; done < size; ) {
                        done += in.transferTo(done, size - done, out);
                    }
                }
            }
            out.force(false);
        } catch (NoSuchFileException e) {
            Files.deleteIfExists(tmp);
            throw new UploadException(ErrorCode.INVALID_CONCAT, "A part of the concatenation no longer exists");
        }
        Files.move(tmp, dataFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        return read(id);
    }

    @Override
    public List<String> expiredBefore(Instant now) throws IOException {
        List<String> expired = new ArrayList<>();
        if (expireAfter == null) {
            return expired;
        }
        for (String id : ids()) {
            try {
                UploadInfo info = read(id);
                if (info.expiresAt() != null && info.expiresAt().isBefore(now)) {
                    expired.add(id);
                }
            } catch (UploadException gone) {
                // terminated meanwhile
            }
        }
        return expired;
    }

    @Override
    public StoredBytes openStoredBytes(String id) throws IOException {
        if (!UploadIds.isValid(id)) {
            throw new UploadException(ErrorCode.NOT_FOUND);
        }
        UploadInfo info = read(id);
        if (info.concat().isFinal() && !Files.exists(dataFile(id))) {
            return emptyView(info.createdAt()); // a final upload whose parts are not joined yet
        }
        long length = info.offset();
        FileChannel channel;
        Instant modified;
        try {
            channel = FileChannel.open(dataFile(id), StandardOpenOption.READ);
            modified = Files.getLastModifiedTime(dataFile(id)).toInstant();
        } catch (NoSuchFileException terminated) {
            throw new UploadException(ErrorCode.NOT_FOUND);
        }
        return new StoredBytes() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public Instant lastModified() {
                return modified;
            }

            @Override
            public int read(ByteBuffer target, long position) throws IOException {
                if (position >= length) {
                    return -1;
                }
                if (target.remaining() > length - position) {
                    ByteBuffer window = target.slice(target.position(), (int) (length - position));
                    int n = channel.read(window, position);
                    target.position(target.position() + Math.max(n, 0));
                    return n;
                }
                return channel.read(target, position);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    private static StoredBytes emptyView(Instant created) {
        return new StoredBytes() {
            @Override
            public long length() {
                return 0;
            }

            @Override
            public Instant lastModified() {
                return created;
            }

            @Override
            public int read(ByteBuffer target, long position) {
                return -1;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() throws IOException {
        processLock.release();
        lockChannel.close();
    }

    /** The ids of all stored uploads. */
    public List<String> ids() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".info"))
                    .map(name -> name.substring(0, name.length() - ".info".length()))
                    .filter(UploadIds::isValid)
                    .toList();
        }
    }

    /** The upload as stored; one deleted meanwhile (terminated, expired) is {@link ErrorCode#NOT_FOUND}. */
    UploadInfo read(String id) throws IOException {
        try {
            return readFiles(id);
        } catch (NoSuchFileException gone) {
            throw new UploadException(ErrorCode.NOT_FOUND);
        }
    }

    private UploadInfo readFiles(String id) throws IOException {
        InfoFile.Stored stored = InfoFile.read(infoFile(id));
        Path data = dataFile(id);
        boolean hasData = Files.exists(data);
        // While an append runs, the file's size may count bytes not yet on disk (or not yet verified), so the
        // append's durable position is used instead; looking before and after taking the size catches an
        // append that starts or ends in between.
        AtomicLong before = appending.get(id);
        long size = hasData ? sizeOrZero(data) : 0;
        AtomicLong after = appending.get(id);
        long offset = before != null ? before.get() : after != null ? after.get() : size;
        UploadInfo info = stored.toInfo(Math.min(offset, stored.length() == null ? offset : stored.length()));
        if (info.concat().isFinal() && hasData) {
            info = info.withLength(offset);
        }
        if (expireAfter != null && !info.isComplete()) {
            info = info.withExpiresAt(lastActivity(info, hasData).plus(expireAfter));
        }
        return info;
    }

    /**
     * When an unfinished upload last changed: its data file's time, or its info file's before it has data. A
     * final upload waiting for its parts is as alive as the most recently active part.
     */
    private Instant lastActivity(UploadInfo info, boolean hasData) throws IOException {
        Instant last = Files.getLastModifiedTime(hasData ? dataFile(info.id()) : infoFile(info.id())).toInstant();
        if (info.concat().isFinal() && !hasData) {
            for (String part : info.concat().partIds()) {
                try {
                    Instant touched = Files.getLastModifiedTime(dataFile(part)).toInstant();
                    last = touched.isAfter(last) ? touched : last;
                } catch (NoSuchFileException gone) {
                    // a part that no longer exists keeps nothing alive
                }
            }
        }
        return last;
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException terminated) {
            return 0;
        }
    }

    /**
     * Notes an append in progress: while it runs, an upload's offset is what the append has forced to disk,
     * not the size of its file.
     */
    AtomicLong appendStarted(String id, long offset) {
        AtomicLong durable = new AtomicLong(offset);
        appending.put(id, durable);
        return durable;
    }

    void appendEnded(String id) {
        appending.remove(id);
    }

    Path dataFile(String id) {
        return dir.resolve(id + ".bin");
    }

    Path infoFile(String id) {
        return dir.resolve(id + ".info");
    }

    Path pendingFile(String id) {
        return dir.resolve(id + ".pending");
    }

    void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be opened for syncing; the files themselves are synced.
            LOG.debug("could not sync directory {}", dir, e);
        }
    }

    private void rollBackPendingChunks() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path marker : files.filter(p -> p.getFileName().toString().endsWith(".pending")).toList()) {
                String id = marker.getFileName().toString().replace(".pending", "");
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
}
