package dev.carryon.s3;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.store.ChunkCheck;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One append to an upload of an {@link S3Store}. The bytes of the part being built collect in a
 * {@link PartBuffer}; each full part goes to the {@link PartPipeline} while the next one fills, and counts as
 * soon as it and all before it are sent (the record is saved). When the body ends, what is left is too little
 * for a part: it is kept as a tail segment of its own, or, if it ends the upload, becomes the last part.
 *
 * <p>A part continues the upload's tail: the tail's bytes are read back from the bucket only when the part
 * is full and about to be sent, so many small appends cost one PUT each and no reads. A chunk with a check
 * counts only once the check passed, and a refused chunk is taken back whole, as the SPI requires.
 */
final class Appender {
    /** More tail segments than this are merged into one, so records and reads stay small. */
    static final int MAX_SEGMENTS = 16;

    private final S3Store store;
    private final UploadRecord base;
    private final boolean checked;
    /** The record as last saved; parts sent by the pipeline extend it. */
    private volatile UploadRecord saved;

    Appender(S3Store store, UploadRecord base, ChunkCheck check) {
        this.store = store;
        this.base = base;
        this.saved = base;
        this.checked = check != ChunkCheck.NONE;
    }

    long append(InputStream rawBody, ChunkCheck check) throws IOException {
        BodyWatch body = new BodyWatch(rawBody);
        long length = base.length() == null ? -1 : base.length();
        int number = base.parts().size() + 1;
        long bufferStart = base.partsEnd();
        long reserved = base.offset() - bufferStart; // the tail's bytes, in the bucket until a part needs them
        long filled = reserved;
        long position = base.offset();
        PartPipeline pipeline = null;
        PartBuffer buffer = store.buffers().allocate(PartSizes.of(number, base.firstPartSize()));
        try {
            IOException broken = null;
            try {
                for (int n; (n = buffer.readFrom(body, filled, (int) Math.min(buffer.capacity() - filled, 1 << 30))) >= 0; ) {
                    filled += n;
                    position += n;
                    if (number > S3Provider.MAX_PARTS) {
                        throw new UploadException(ErrorCode.UPLOAD_TOO_LARGE); // past 8 TiB: unreachable in practice
                    }
                    if (filled < buffer.capacity()) {
                        continue;
                    }
                    if (reserved > 0) {
                        store.segments().load(base.id(), buffer, base.tail(), bufferStart);
                        reserved = 0;
                    }
                    if (pipeline == null) {
                        pipeline = startPipeline(number);
                    }
                    PartBuffer full = buffer;
                    buffer = null;
                    pipeline.submit(number, full, filled);
                    number++;
                    bufferStart += filled;
                    filled = 0;
                    buffer = store.buffers().allocate(PartSizes.of(number, base.firstPartSize()));
                }
            } catch (IOException e) {
                if (!body.broke(e)) {
                    throw e; // the store failed: what the pipeline saved counts, nothing else
                }
                broken = e;
                if (checked) {
                    throw e; // a checked chunk that broke off can never be verified
                }
            }
            List<UploadRecord.Part> sent = pipeline == null ? List.of() : pipeline.awaitAll();
            UploadRecord all = checked && !sent.isEmpty()
                    ? saved.withMoreParts(sent, List.of(), store.now()) : saved;
            List<UploadRecord.Segment> consumed = sent.isEmpty() ? List.of() : base.tail();
            if (length >= 0 && position == length) {
                check.verify();
                if (reserved > 0) {
                    store.segments().load(base.id(), buffer, base.tail(), bufferStart);
                }
                store.completion().finish(all, buffer);
            } else {
                keepTail(all, buffer, bufferStart, reserved, filled, check);
            }
            store.segments().delete(base.id(), consumed);
            if (broken != null) {
                throw broken;
            }
            return position;
        } catch (UploadException | IOException e) {
            if (e instanceof UploadException || checked) {
                discard(pipeline);
            } else if (pipeline != null) {
                pipeline.awaitQuietly();
            }
            throw e;
        } finally {
            if (buffer != null) {
                buffer.close();
            }
        }
    }

    /** Keeps the bytes after the last full part as a new tail segment (merging the tail if it grew long). */
    private void keepTail(UploadRecord all, PartBuffer buffer, long bufferStart, long reserved, long filled,
                          ChunkCheck check) throws IOException {
        List<UploadRecord.Segment> tail = new ArrayList<>(all.tail());
        List<UploadRecord.Segment> merged = List.of();
        UploadRecord.Segment written = null;
        if (filled > reserved) {
            long from = reserved;
            if (tail.size() >= MAX_SEGMENTS) {
                store.segments().load(base.id(), buffer, tail, bufferStart);
                merged = List.copyOf(tail);
                tail.clear();
                from = 0;
            }
            written = new UploadRecord.Segment(bufferStart + from, bufferStart + filled);
            store.segments().write(base.id(), written, buffer.body(from, filled - from));
            tail.add(written);
        }
        try {
            check.verify();
        } catch (UploadException refused) {
            if (written != null) {
                store.segments().delete(base.id(), List.of(written));
            }
            throw refused;
        }
        if (written != null || all != saved) {
            saved = all.withMoreParts(List.of(), tail, store.now());
            store.records().save(saved);
        }
        store.segments().delete(base.id(), merged);
    }

    /** Creates the multipart upload on the first full part, and saves its id before any part is sent. */
    private PartPipeline startPipeline(int firstNumber) throws IOException {
        if (saved.multipartId() == null) {
            String uploadId = store.bucket().startMultipart(store.keys().object(base.id()));
            saved = saved.withMultipartId(uploadId, store.now());
            store.records().save(saved);
        }
        return new PartPipeline(store.bucket(), store.keys().object(base.id()), saved.multipartId(), firstNumber,
                store.config().partsInFlight(), store.partSenders(), this::sent);
    }

    /** Parts that count at once, unless the chunk must pass its check first. */
    private void sent(List<UploadRecord.Part> parts) throws IOException {
        if (!checked) {
            UploadRecord next = saved.withMoreParts(parts, List.of(), store.now());
            store.records().save(next);
            saved = next;
        }
    }

    /**
     * Takes back a refused chunk: waits for parts in flight and restores the record the append began with
     * (keeping the multipart upload's id). Parts sent meanwhile are overwritten by later appends, and never
     * named when the upload is completed.
     */
    private void discard(PartPipeline pipeline) throws IOException {
        if (pipeline != null) {
            pipeline.awaitQuietly();
        }
        if (saved.parts().size() != base.parts().size()) {
            saved = saved.multipartId() == null ? base : base.withMultipartId(saved.multipartId(), store.now());
            store.records().save(saved);
        }
    }
}
