package dev.carryon.s3;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins finished partial uploads into a final upload's object. Wherever the part rules allow, a part of the
 * final multipart upload is copied from a partial object by the service itself ({@code UploadPartCopy}), so
 * those bytes never pass through Carryon. A partial smaller than the minimum part size cannot be a part of
 * its own unless it comes last: such bytes are read and gathered in one buffer of the minimum size, topped up
 * from the start of the next partial if needed, and sent as an ordinary part; the copying resumes after them.
 */
final class Concatenation {
    private record Source(String key, long size) {
    }

    private final S3Store store;
    private final Bucket bucket;
    private final long minPart;
    private final List<UploadRecord.Part> parts = new ArrayList<>();
    private String key;
    private String uploadId;
    private PartBuffer pending;
    private long pendingSize;

    Concatenation(S3Store store) {
        this.store = store;
        this.bucket = store.bucket();
        this.minPart = store.config().provider().minPartSize();
    }

    /** Fills the final upload of {@code target} and returns its completed record. */
    UploadRecord join(UploadRecord target) throws IOException {
        List<Source> sources = new ArrayList<>();
        long total = 0;
        for (String id : target.concatParts()) {
            UploadRecord part = store.records().load(id).orElseThrow(() -> new UploadException(
                    ErrorCode.INVALID_CONCAT, "A part of the concatenation no longer exists"));
            if (part.awaitsCompletion()) {
                part = store.require(id);
            }
            if (!part.completed()) {
                throw new UploadException(ErrorCode.INVALID_CONCAT, "A part of the concatenation is not complete");
            }
            sources.add(new Source(store.keys().object(id), part.length()));
            total += part.length();
        }
        key = store.keys().object(target.id());
        if (total == 0) {
            bucket.write(key, RequestBody.empty());
        } else {
            if (target.multipartId() != null) {
                bucket.abortMultipart(key, target.multipartId()); // left by an attempt that failed
            }
            uploadId = bucket.startMultipart(key);
            store.records().save(target.withMultipartId(uploadId, store.now()));
            try {
                copyAll(sources);
            } finally {
                if (pending != null) {
                    pending.close();
                }
            }
            bucket.completeMultipart(key, uploadId, parts);
        }
        UploadRecord done = target.completed(total, store.now());
        store.records().save(done);
        return done;
    }

    private void copyAll(List<Source> sources) throws IOException {
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            boolean last = i == sources.size() - 1;
            long position = 0;
            while (position < source.size()) {
                long remaining = source.size() - position;
                if (pendingSize == 0 && (remaining >= minPart || last)) {
                    copy(source, position);
                    position = source.size();
                } else {
                    position += gather(source, position, Math.min(remaining, minPart - pendingSize));
                }
            }
        }
        if (pendingSize > 0) {
            sendPending(); // the last part, which may be small
        }
    }

    /** Copies the rest of {@code source} inside the service, in parts no larger than the service allows. */
    private void copy(Source source, long from) throws IOException {
        long remaining = source.size() - from;
        long count = Math.ceilDiv(remaining, S3Provider.MAX_PART_SIZE);
        long each = Math.ceilDiv(remaining, count); // equal shares, each far above the minimum when split
        for (long first = from; first < source.size(); first += each) {
            long last = Math.min(first + each, source.size()) - 1;
            parts.add(bucket.copyPart(key, uploadId, parts.size() + 1, source.key(), first, last));
        }
    }

    /** Reads {@code count} bytes of {@code source} into the pending part, sending it once it is full. */
    private long gather(Source source, long from, long count) throws IOException {
        if (pending == null) {
            pending = store.buffers().allocate(minPart);
        }
        try (InputStream in = bucket.open(source.key(), from, from + count - 1)) {
            pending.load(in, pendingSize, count);
        }
        pendingSize += count;
        if (pendingSize == minPart) {
            sendPending();
        }
        return count;
    }

    private void sendPending() throws IOException {
        parts.add(bucket.uploadPart(key, uploadId, parts.size() + 1, pendingSize, pending.body(0, pendingSize)));
        pendingSize = 0;
    }
}
