package dev.carryon.s3;

import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Turns an upload whose bytes have all arrived into the object {@code ID}. An upload that never filled a
 * part is written with one PUT; otherwise its last bytes become the last part, the record is saved with all
 * parts (so a crash from here on loses nothing: the next look at the upload finishes it), and the multipart
 * upload is completed. Running it twice is harmless, which is what makes that recovery safe.
 */
final class UploadCompletion {
    private final S3Store store;
    /** Completions under way in this process, which others looking at the same upload wait for. */
    private final ConcurrentHashMap<String, CompletableFuture<UploadRecord>> running = new ConcurrentHashMap<>();

    UploadCompletion(S3Store store) {
        this.store = store;
    }

    /**
     * Completes the upload of {@code record}. {@code last} holds the bytes after its parts (its tail and
     * what followed it), or is null to have the tail read back from the bucket. Returns the saved record.
     * While one completion of an upload runs, another one asked for in this process waits for it instead.
     */
    UploadRecord finish(UploadRecord record, PartBuffer last) throws IOException {
        CompletableFuture<UploadRecord> mine = new CompletableFuture<>();
        CompletableFuture<UploadRecord> other = running.putIfAbsent(record.id(), mine);
        if (other != null) {
            return await(other);
        }
        try {
            UploadRecord done = finishNow(record, last);
            mine.complete(done);
            return done;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(record.id(), mine);
        }
    }

    /**
     * The record of an upload whose completion is under way in this process, once it is done; null if none
     * is. A reader that found all parts recorded thus never sees the upload before its object exists.
     */
    UploadRecord awaitRunning(String id) throws IOException {
        CompletableFuture<UploadRecord> future = running.get(id);
        return future == null ? null : await(future);
    }

    private static UploadRecord await(CompletableFuture<UploadRecord> completion) throws IOException {
        try {
            return completion.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while an upload was being completed");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("completing the upload failed", e.getCause());
        }
    }

    private UploadRecord finishNow(UploadRecord record, PartBuffer last) throws IOException {
        long lastSize = record.length() - record.partsEnd();
        if (last == null && lastSize > 0) {
            try (PartBuffer loaded = store.buffers().allocate(lastSize)) {
                store.segments().load(record.id(), loaded, record.tail(), record.partsEnd());
                return finishNow(record, loaded);
            }
        }
        Bucket bucket = store.bucket();
        String key = store.keys().object(record.id());
        UploadRecord sealed = record;
        if (record.multipartId() != null && lastSize > 0) {
            UploadRecord.Part part = bucket.uploadPart(key, record.multipartId(), record.parts().size() + 1,
                    lastSize, last.body(0, lastSize));
            sealed = record.withMoreParts(List.of(part), List.of(), store.now());
            store.records().save(sealed);
        }
        if (sealed.multipartId() == null) {
            bucket.write(key, lastSize == 0 ? RequestBody.empty() : last.body(0, lastSize));
        } else if (sealed.parts().isEmpty()) {
            // A multipart upload without parts cannot be completed; the upload is empty.
            bucket.abortMultipart(key, sealed.multipartId());
            bucket.write(key, RequestBody.empty());
        } else {
            completeMultipart(sealed, key);
        }
        UploadRecord done = sealed.completed(record.length(), store.now());
        store.records().save(done);
        store.segments().deleteAll(record.id());
        return done;
    }

    private void completeMultipart(UploadRecord sealed, String key) throws IOException {
        try {
            store.bucket().completeMultipart(key, sealed.multipartId(), sealed.parts());
        } catch (Bucket.NoSuchUploadException gone) {
            // Completed before, by a request or a process that stopped before saving that it did.
            long size = store.bucket().size(key).orElse(-1L);
            if (size != sealed.length()) {
                throw new IOException("the multipart upload of " + sealed.id() + " is gone and its object has "
                        + size + " of " + sealed.length() + " bytes", gone);
            }
        }
    }
}
