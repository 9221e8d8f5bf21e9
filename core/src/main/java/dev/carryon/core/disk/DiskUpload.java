package dev.carryon.core.disk;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import dev.carryon.core.store.Upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** One upload of a {@link DiskStore}: appends stream from the body straight into the data file. */
final class DiskUpload implements Upload {
    /** Bytes gathered from the body before each write: large enough for few system calls. */
    private static final int BUFFER_SIZE = 256 * 1024;
    /** How much may be written before a background force starts, see {@link BackgroundFlusher}. */
    private static final long FLUSH_INTERVAL = 16L << 20;

    private final DiskStore store;
    private final String id;

    DiskUpload(DiskStore store, String id) {
        this.store = store;
        this.id = id;
    }

    @Override
    public UploadInfo info() throws IOException {
        return store.read(id);
    }

    @Override
    public long append(long offset, InputStream body, ChunkCheck check) throws IOException {
        UploadInfo info = info();
        if (info.concat().isFinal()) {
            throw new UploadException(ErrorCode.MODIFY_FINAL);
        }
        if (offset != info.offset()) {
            throw new UploadException(ErrorCode.OFFSET_MISMATCH);
        }
        boolean checked = check != ChunkCheck.NONE;
        if (checked) {
            try {
                Files.writeString(store.files().pendingFile(id), Long.toString(offset));
            } catch (IOException e) {
                Files.deleteIfExists(store.files().pendingFile(id));
                throw StorageFullException.translate(e);
            }
        }
        // Readers see the bytes of this append as they reach the disk, unless the chunk may still be refused.
        AtomicLong durable = store.appendStarted(id, offset);
        try (FileChannel file = FileChannel.open(store.files().dataFile(id), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            BackgroundFlusher flusher = new BackgroundFlusher(file, offset, FLUSH_INTERVAL,
                    checked ? position -> { } : durable::set);
            try {
                long end = copy(body, file, offset, flusher);
                check.verify();
                flusher.forceAll();
                return end;
            } catch (StorageFullException full) {
                flusher.forceAll();
                throw full;
            } catch (UploadException | IOException failed) {
                if (checked || failed instanceof UploadException) {
                    // A bad chunk, or one whose check can never run now: none of it may count.
                    file.truncate(offset);
                }
                flusher.forceAll();
                throw failed;
            }
        } finally {
            store.appendEnded(id);
            if (checked) {
                Files.deleteIfExists(store.files().pendingFile(id));
            }
        }
    }

    /**
     * Copies until the body ends. However the body fails, the bytes already read are written first, for the
     * caller to keep or discard.
     */
    private static long copy(InputStream body, FileChannel file, long start, BackgroundFlusher flusher)
            throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long position = start;
        while (true) {
            int filled = 0;
            try {
                for (int n; filled < buffer.length
                        && (n = body.read(buffer, filled, buffer.length - filled)) != -1; ) {
                    filled += n;
                }
            } finally {
                position += write(file, buffer, filled, position);
                flusher.written(filled);
            }
            if (filled < buffer.length) {
                return position;
            }
        }
    }

    private static int write(FileChannel file, byte[] buffer, int length, long position) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        try {
            while (bytes.hasRemaining()) {
                file.write(bytes, position + bytes.position());
            }
        } catch (IOException e) {
            throw StorageFullException.translate(e);
        }
        return length;
    }
}
