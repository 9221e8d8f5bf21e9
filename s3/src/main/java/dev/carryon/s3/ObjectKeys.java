package dev.carryon.s3;

import dev.carryon.core.UploadIds;

import java.util.Optional;

/**
 * The names of everything an upload keeps in the bucket, all of them starting with the prefix and the id:
 * <ul>
 *   <li>{@code ID} — the finished file, once the upload is complete;</li>
 *   <li>{@code ID.info} — the upload's state (see {@link UploadRecord}), rewritten at every change;</li>
 *   <li>{@code ID.part-START-END} — bytes START to END of an unfinished upload that were too few to make a
 *   part yet. The key names the span, so a new segment never overwrites one that counts.</li>
 * </ul>
 * Ids are 32 hex digits, so no key of one upload is a prefix of another upload's keys.
 */
final class ObjectKeys {
    private static final String INFO = ".info";
    private static final String SEGMENT = ".part-";

    private final String prefix;

    ObjectKeys(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    String object(String id) {
        return prefix + id;
    }

    String info(String id) {
        return prefix + id + INFO;
    }

    String segment(String id, long start, long end) {
        return prefix + id + SEGMENT + start + "-" + end;
    }

    /** The prefix every tail segment of the upload starts with. */
    String segmentsOf(String id) {
        return prefix + id + SEGMENT;
    }

    /** The prefix every key of the upload starts with. */
    String allOf(String id) {
        return prefix + id;
    }

    /** What a key found in a listing is. */
    enum Kind { OBJECT, INFO, SEGMENT }

    record Parsed(String id, Kind kind) {
    }

    /** The upload and kind of a key, or empty for a key that is not one of ours. */
    Optional<Parsed> parse(String key) {
        if (!key.startsWith(prefix) || key.length() < prefix.length() + 32) {
            return Optional.empty();
        }
        String id = key.substring(prefix.length(), prefix.length() + 32);
        String rest = key.substring(prefix.length() + 32);
        if (!UploadIds.isValid(id)) {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            return Optional.of(new Parsed(id, Kind.OBJECT));
        }
        if (rest.equals(INFO)) {
            return Optional.of(new Parsed(id, Kind.INFO));
        }
        return rest.startsWith(SEGMENT) ? Optional.of(new Parsed(id, Kind.SEGMENT)) : Optional.empty();
    }
}
