package dev.carryon.s3;

import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.util.List;

/**
 * Turns an upload whose bytes have all arrived into the object {@code ID}. An upload that never filled a
 * part is written with one PUT; otherwise its last bytes become the last part, the record is saved with all
 * parts (so a crash from here on loses nothing: the next look at the upload finishes it), and the multipart
 * upload is completed. Running it twice is harmless, which is what makes that recovery safe.
 */
final class UploadCompletion {
    private final S3Store store;

    UploadCompletion(S3Store store) {
        this.store = store;
    }

    /**
     * Completes the upload of {@code record}. {@code last} holds the bytes after its parts (its tail and
     * what followed it), or is null to have the tail read back from the bucket. Returns the saved record.
     */
    UploadRecord finish(UploadRecord record, PartBuffer last) throws IOException {
        long lastSize = record.length() - record.partsEnd();
        if (last == null && lastSize > 0) {
            try (PartBuffer loaded = store.buffers().allocate(lastSize)) {
                store.loadTail(record.id(), loaded, record.tail(), record.partsEnd());
                return finish(record, loaded);
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
        store.deleteSegments(record.id(), record.tail());
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
