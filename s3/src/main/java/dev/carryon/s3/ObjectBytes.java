package dev.carryon.s3;

import dev.carryon.core.store.StoredBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * An upload's readable bytes for downloads: the finished object, or the tail segments of an upload still
 * shorter than a part, laid end to end. Sequential reads share one ranged GET, which is reopened only when
 * a read jumps elsewhere; with {@link #readAhead} the GET asks for exactly the span that will be read, so a
 * small range of a large object neither fetches nor discards more than it needs.
 */
final class ObjectBytes implements StoredBytes {
    /** Bytes {@code start} to {@code start + length} of the view are the whole object {@code key}. */
    record Piece(String key, long start, long length) {
        long end() {
            return start + length;
        }
    }

    private static final int SCRATCH = 64 * 1024;

    private final Bucket bucket;
    private final List<Piece> pieces;
    private final long length;
    private final Instant lastModified;
    private ResponseInputStream<GetObjectResponse> stream;
    private long streamPosition;
    private long streamEnd;
    private long plannedStart = -1;
    private long plannedEnd = -1;
    private byte[] scratch;

    ObjectBytes(Bucket bucket, List<Piece> pieces, Instant lastModified) {
        this.bucket = bucket;
        this.pieces = List.copyOf(pieces);
        this.length = pieces.isEmpty() ? 0 : pieces.getLast().end();
        this.lastModified = lastModified;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Instant lastModified() {
        return lastModified;
    }

    @Override
    public void readAhead(long position, long end) {
        plannedStart = position;
        plannedEnd = Math.min(end, length);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        if (position >= length) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        if (stream == null || position != streamPosition) {
            open(position);
        }
        int want = (int) Math.min(target.remaining(), streamEnd - position);
        int n;
        if (target.hasArray()) {
            n = stream.read(target.array(), target.arrayOffset() + target.position(), want);
            if (n > 0) {
                target.position(target.position() + n);
            }
        } else {
            if (scratch == null) {
                scratch = new byte[SCRATCH];
            }
            n = stream.read(scratch, 0, Math.min(want, SCRATCH));
            if (n > 0) {
                target.put(scratch, 0, n);
            }
        }
        if (n < 0) {
            throw new IOException("the object ended " + (streamEnd - position) + " bytes early");
        }
        streamPosition += n;
        if (streamPosition == streamEnd) {
            closeStream();
        }
        return n;
    }

    /** Opens a GET from {@code position} to the end of its piece, or of the planned span if it is within. */
    private void open(long position) throws IOException {
        closeStream();
        Piece piece = pieces.stream().filter(p -> position < p.end()).findFirst().orElseThrow();
        long end = piece.end();
        if (plannedStart <= position && position < plannedEnd) {
            end = Math.min(end, plannedEnd);
        }
        stream = bucket.open(piece.key(), position - piece.start(), end - piece.start() - 1);
        streamPosition = position;
        streamEnd = end;
    }

    /** A stream read to its end goes back to the connection pool; one left early is aborted, not drained. */
    private void closeStream() throws IOException {
        if (stream == null) {
            return;
        }
        try {
            if (streamPosition < streamEnd) {
                stream.abort();
            }
            stream.close();
        } finally {
            stream = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeStream();
    }
}
