package dev.carryon.core.disk;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadIds;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.Concatenatable;
import dev.carryon.core.Metadata;
import dev.carryon.core.store.Expirable;
import dev.carryon.core.store.ListCursor;
import dev.carryon.core.store.Listable;
import dev.carryon.core.store.MetadataEditable;
import dev.carryon.core.store.UploadPage;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.core.store.StoredBytes;
import dev.carryon.core.store.Upload;
import dev.carryon.core.store.UploadStore;

import java.io.IOException;
import java.nio.channels.FileChannel;
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

/**
 * Uploads as plain files in one directory: {@code ID.bin} holds the bytes, {@code ID.info} the rest.
 *
 * <p>The offset of an upload is the size of its data file, which is forced to disk before any offset is
 * acknowledged; so after a crash the offsets are simply read back from the files. A chunk that must pass a
 * check (a checksum) first leaves an {@code ID.pending} marker holding the offset to return to, so a crash
 * before the check never lets unverified bytes count. Finishing an upload costs nothing: the data file
 * already is the file.
 */
public final class DiskStore implements UploadStore, Concatenatable, LengthDeferrable, Expirable, RangeReadable,
        Listable, MetadataEditable {

    private final DataDirectory files;
    private final Duration expireAfter;
    /** Uploads with an append in progress, and how far their bytes are on disk. */
    private final ConcurrentHashMap<String, AtomicLong> appending = new ConcurrentHashMap<>();

    /**
     * Opens (creating it if needed) a store in {@code dir} and repairs what a crash left behind.
     *
     * @param expireAfter how long an unfinished upload lives after its last change; null or zero for ever
     * @throws IllegalStateException if another process uses the directory
     */
    public DiskStore(Path dir, Duration expireAfter) throws IOException {
        this.files = new DataDirectory(dir);
        this.expireAfter = expireAfter == null || expireAfter.isZero() ? null : expireAfter;
    }

    public Path directory() {
        return files.path();
    }

    DataDirectory files() {
        return files;
    }

    @Override
    public String describe() {
        return "disk store in " + files.path();
    }

    @Override
    public UploadInfo create(UploadInfo info) throws IOException {
        // The info file comes first: a crash before the data file exists leaves an empty upload, never an
        // orphaned data file. A final upload gets its data file only when its parts are joined.
        try {
            InfoFile.write(files.infoFile(info.id()), info);
            if (!info.concat().isFinal()) {
                Files.createFile(files.dataFile(info.id()));
            }
        } catch (IOException e) {
            // An upload that could not be created completely is not created at all.
            Files.deleteIfExists(files.infoFile(info.id()));
            Files.deleteIfExists(files.dataFile(info.id()));
            throw StorageFullException.translate(e);
        }
        files.sync();
        return find(info.id()).orElseThrow().info();
    }

    @Override
    public Optional<Upload> find(String id) throws IOException {
        if (!UploadIds.isValid(id) || !Files.exists(files.infoFile(id))) {
            return Optional.empty();
        }
        return Optional.of(new DiskUpload(this, id));
    }

    @Override
    public void terminate(String id) throws IOException {
        if (!UploadIds.isValid(id)) {
            return;
        }
        Files.deleteIfExists(files.infoFile(id));
        Files.deleteIfExists(files.dataFile(id));
        Files.deleteIfExists(files.pendingFile(id));
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
        InfoFile.write(files.infoFile(id), info.withLength(length));
        return read(id);
    }

    @Override
    public UploadInfo replaceMetadata(String id, Metadata metadata) throws IOException {
        UploadInfo info = read(id);
        InfoFile.write(files.infoFile(id), new UploadInfo(id, info.length(), info.offset(), metadata, info.concat(),
                info.createdAt(), null));
        return read(id);
    }

    /**
     * Reads every upload's info file to sort them by creation: a directory has no order of its own. That is
     * one small read per upload and page, fine for the thousands of uploads a disk store typically holds.
     */
    @Override
    public UploadPage list(ListCursor after, int limit) throws IOException {
        List<UploadInfo> all = new ArrayList<>();
        for (String id : ids()) {
            try {
                all.add(read(id));
            } catch (UploadException gone) {
                // terminated while listing
            }
        }
        return UploadPage.of(all, after, limit);
    }

    @Override
    public UploadInfo concatenate(String id) throws IOException {
        UploadInfo info = read(id);
        Path tmp = files.dataFile(id).resolveSibling(id + ".bin.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String part : info.concat().partIds()) {
                try (FileChannel in = FileChannel.open(files.dataFile(part), StandardOpenOption.READ)) {
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
        } catch (IOException e) {
            Files.deleteIfExists(tmp); // a copy that ran out of space is not left to fill the disk
            throw StorageFullException.translate(e);
        }
        Files.move(tmp, files.dataFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.sync();
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
        if (info.concat().isFinal() && !Files.exists(files.dataFile(id))) {
            return FileBytes.empty(info.createdAt()); // a final upload whose parts are not joined yet
        }
        long length = info.offset();
        FileChannel channel;
        Instant modified;
        try {
            channel = FileChannel.open(files.dataFile(id), StandardOpenOption.READ);
            modified = Files.getLastModifiedTime(files.dataFile(id)).toInstant();
        } catch (NoSuchFileException terminated) {
            throw new UploadException(ErrorCode.NOT_FOUND);
        }
        return new FileBytes(channel, length, modified);
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    /** The ids of all stored uploads. */
    public List<String> ids() throws IOException {
        return files.ids();
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
        InfoFile.Stored stored = InfoFile.read(files.infoFile(id));
        Path data = files.dataFile(id);
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
        Instant last = Files.getLastModifiedTime(hasData ? files.dataFile(info.id()) : files.infoFile(info.id())).toInstant();
        if (info.concat().isFinal() && !hasData) {
            for (String part : info.concat().partIds()) {
                try {
                    Instant touched = Files.getLastModifiedTime(files.dataFile(part)).toInstant();
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


}
