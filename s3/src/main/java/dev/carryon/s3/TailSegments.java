package dev.carryon.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The tail segments of unfinished uploads: bytes too few to make a part yet, each kept as an object named
 * by the span it holds ({@code ID.part-START-END}). Deleting is best effort: a segment left behind is named
 * by no record, so it changes nothing, and completion or termination removes it later.
 */
final class TailSegments {
    private static final Logger LOG = LoggerFactory.getLogger(TailSegments.class);

    private final Bucket bucket;
    private final ObjectKeys keys;

    TailSegments(Bucket bucket, ObjectKeys keys) {
        this.bucket = bucket;
        this.keys = keys;
    }

    void write(String id, UploadRecord.Segment segment, RequestBody bytes) throws IOException {
        bucket.write(keys.segment(id, segment.start(), segment.end()), bytes);
    }

    /** Reads segments back into {@code buffer}, the upload's byte {@code start} going to position 0. */
    void load(String id, PartBuffer buffer, List<UploadRecord.Segment> tail, long start) throws IOException {
        for (UploadRecord.Segment segment : tail) {
            try (InputStream in = bucket.open(keys.segment(id, segment.start(), segment.end()), 0, segment.size() - 1)) {
                buffer.load(in, segment.start() - start, segment.size());
            }
        }
    }

    /** Deletes segments that no record names any more. */
    void delete(String id, List<UploadRecord.Segment> segments) {
        for (UploadRecord.Segment segment : segments) {
            try {
                bucket.delete(keys.segment(id, segment.start(), segment.end()));
            } catch (IOException e) {
                LOG.warn("could not delete a segment of upload {}: {}", id, e.getMessage());
            }
        }
    }

    /**
     * Deletes every segment of a finished upload, found by listing, so that also those a process left behind
     * (stopped between writing one and saving the record) go.
     */
    void deleteAll(String id) {
        try {
            for (S3Object segment : bucket.list(keys.segmentsOf(id))) {
                bucket.delete(segment.key());
            }
        } catch (IOException e) {
            LOG.warn("could not delete the segments of upload {}: {}", id, e.getMessage());
        }
    }
}
