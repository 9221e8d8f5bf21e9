package dev.carryon.s3;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.carryon.core.Concat;
import dev.carryon.core.Metadata;
import dev.carryon.core.UploadInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one upload, as kept in its {@code ID.info} object. Writing that object is the
 * one step that makes a change count: parts and segments sent before it are not part of the upload until
 * a record names them, so a crash at any moment leaves the previous record, which is still true.
 *
 * <p>The stored bytes are the {@link #parts} of the multipart upload {@link #multipartId}, in order, followed
 * by the {@link #tail} segments; once {@link #completed}, they are the object {@code ID} and the lists are
 * empty.
 *
 * @param length        the total length, or null while the client defers it
 * @param firstPartSize the size of the first parts; see {@link PartSizes}
 * @param updatedAt     when the upload last changed, by this server's clock (for expiration)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UploadRecord(String id, Long length, Map<String, String> metadata, Concat.Role concat,
                    List<String> concatParts, Instant createdAt, Instant updatedAt, long firstPartSize,
                    String multipartId, List<Part> parts, List<Segment> tail, boolean completed) {

    /** A part sent to the multipart upload; {@code checksum} is its CRC32 where the service keeps one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Part(@JsonProperty("n") int number, @JsonProperty("s") long size, @JsonProperty("e") String etag,
                @JsonProperty("c") String checksum) {
    }

    /** Bytes {@code start} to {@code end} (exclusive) of the upload, kept as an object of their own. */
    record Segment(long start, long end) {
        @JsonIgnore
        long size() {
            return end - start;
        }
    }

    UploadRecord {
        metadata = metadata == null ? Map.of() : metadata;
        concatParts = concatParts == null ? List.of() : List.copyOf(concatParts);
        parts = parts == null ? List.of() : List.copyOf(parts);
        tail = tail == null ? List.of() : List.copyOf(tail);
    }

    static UploadRecord of(UploadInfo info, long firstPartSize, Instant now) {
        return new UploadRecord(info.id(), info.isLengthKnown() ? info.length() : null, info.metadata().entries(),
                info.concat().role(), info.concat().partIds(), info.createdAt(), now, firstPartSize, null, null, null,
                false);
    }

    /** The upload as the rest of Carryon sees it; expiration is the store's to fill in. */
    UploadInfo toInfo() {
        Concat c = switch (concat) {
            case NONE -> Concat.NONE;
            case PARTIAL -> Concat.PARTIAL;
            case FINAL -> Concat.finalOf(concatParts);
        };
        return new UploadInfo(id, length == null ? UploadInfo.UNKNOWN_LENGTH : length, offset(),
                new Metadata(metadata), c, createdAt, null);
    }

    /** Bytes stored: in parts, then in tail segments. */
    @JsonIgnore
    long offset() {
        if (completed) {
            return length;
        }
        return tail.isEmpty() ? partsEnd() : tail.getLast().end();
    }

    /** Where the parts end and the tail begins. */
    @JsonIgnore
    long partsEnd() {
        long end = 0;
        for (Part part : parts) {
            end += part.size();
        }
        return end;
    }

    @JsonIgnore
    boolean isFinal() {
        return concat == Concat.Role.FINAL;
    }

    /** All bytes are stored, but not yet joined into the object. */
    @JsonIgnore
    boolean awaitsCompletion() {
        return !completed && !isFinal() && length != null && offset() == length;
    }

    UploadRecord withMultipartId(String newId, Instant now) {
        return new UploadRecord(id, length, metadata, concat, concatParts, createdAt, now, firstPartSize, newId,
                parts, tail, completed);
    }

    /** The record after more parts were sent; the first of them took the tail's bytes with it. */
    UploadRecord withMoreParts(List<Part> added, List<Segment> newTail, Instant now) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(added);
        return new UploadRecord(id, length, metadata, concat, concatParts, createdAt, now, firstPartSize,
                multipartId, all, newTail, completed);
    }

    UploadRecord withMetadata(Map<String, String> newMetadata, Instant now) {
        return new UploadRecord(id, length, newMetadata, concat, concatParts, createdAt, now, firstPartSize,
                multipartId, parts, tail, completed);
    }

    UploadRecord withLength(long newLength, Instant now) {
        return new UploadRecord(id, newLength, metadata, concat, concatParts, createdAt, now, firstPartSize,
                multipartId, parts, tail, completed);
    }

    /** The record of a finished upload: its bytes are the object now, nothing else is left. */
    UploadRecord completed(long finalLength, Instant now) {
        return new UploadRecord(id, finalLength, metadata, concat, concatParts, createdAt, now, firstPartSize,
                null, null, null, true);
    }
}
