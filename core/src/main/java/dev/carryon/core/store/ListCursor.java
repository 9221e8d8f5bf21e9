package dev.carryon.core.store;

import dev.carryon.core.UploadIds;
import dev.carryon.core.UploadInfo;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * A position in the list of uploads: the creation time and id of the last upload a page held. Its text form,
 * {@code MILLIS-ID}, is what API clients pass back; anything else does not parse.
 */
public record ListCursor(Instant createdAt, String id) {
    /** Newest first; the id breaks ties so that the order is total and pages never overlap. */
    public static final Comparator<UploadInfo> NEWEST_FIRST = Comparator
            .comparingLong((UploadInfo info) -> info.createdAt().toEpochMilli()).reversed()
            .thenComparing(UploadInfo::id);

    public ListCursor {
        createdAt = Instant.ofEpochMilli(createdAt.toEpochMilli());
        if (!UploadIds.isValid(id)) {
            throw new IllegalArgumentException("invalid upload id");
        }
    }

    /** The cursor just past {@code info}. */
    public static ListCursor after(UploadInfo info) {
        return new ListCursor(info.createdAt(), info.id());
    }

    /** Parses the text form; empty if it is not one. */
    public static Optional<ListCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        if (dash <= 0 || dash > 19) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(text.substring(0, dash));
            String id = text.substring(dash + 1);
            return millis < 0 || !UploadIds.isValid(id) ? Optional.empty()
                    : Optional.of(new ListCursor(Instant.ofEpochMilli(millis), id));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code info} comes after this position in {@link #NEWEST_FIRST} order. */
    public boolean precedes(UploadInfo info) {
        // Milliseconds on both sides: the text form keeps no more, and the order must agree with it.
        int byTime = Long.compare(createdAt.toEpochMilli(), info.createdAt().toEpochMilli());
        return byTime > 0 || (byTime == 0 && info.id().compareTo(id) > 0);
    }

    @Override
    public String toString() {
        return createdAt.toEpochMilli() + "-" + id;
    }
}
