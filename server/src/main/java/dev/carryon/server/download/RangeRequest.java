package dev.carryon.server.download;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Range} header read against a representation's length (RFC 9110, section 14). The outcome is one
 * of: serve the whole representation (no header, a header this server ignores), serve these ranges, or
 * 416 because none of them can be satisfied.
 */
public record RangeRequest(Outcome outcome, List<ByteRange> ranges) {
    /** More ranges than this in one request are ignored and the whole representation is sent. */
    static final int MAX_RANGES = 64;
    private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");

    public enum Outcome { WHOLE, PARTIAL, UNSATISFIABLE }

    static final RangeRequest WHOLE = new RangeRequest(Outcome.WHOLE, List.of());

    public RangeRequest {
        ranges = List.copyOf(ranges);
    }

    /** Reads {@code header} (may be null) for a representation of {@code length} bytes. */
    public static RangeRequest parse(String header, long length) {
        if (header == null) {
            return WHOLE;
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return WHOLE; // a unit we do not know: ignored, as the RFC requires
        }
        String[] specs = value.substring(eq + 1).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return WHOLE;
        }
        List<ByteRange> satisfiable = new ArrayList<>();
        long total = 0;
        boolean anySpec = false;
        for (String raw : specs) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue; // the grammar allows empty list elements
            }
            anySpec = true;
            Matcher m = SPEC.matcher(spec);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return WHOLE; // malformed: the whole header is ignored
            }
            if (length == 0 && m.group(1).isEmpty() && position(m.group(2)) > 0) {
                // Satisfiable by RFC 9110, section 14.1.1, yet no Content-Range can describe zero bytes.
                return WHOLE;
            }
            ByteRange range;
            try {
                range = m.group(1).isEmpty() ? suffix(position(m.group(2)), length)
                        : span(position(m.group(1)), m.group(2).isEmpty() ? -1 : position(m.group(2)), length);
            } catch (IllegalArgumentException invalid) {
                return WHOLE; // last before first: an invalid range-spec
            }
            if (range != null) {
                satisfiable.add(range);
                total += range.length();
            }
        }
        if (!anySpec) {
            return WHOLE; // "bytes=" or "bytes=,": a range-set needs at least one range-spec
        }
        if (satisfiable.isEmpty()) {
            return new RangeRequest(Outcome.UNSATISFIABLE, List.of());
        }
        if (total > length) {
            return WHOLE; // overlapping ranges asking for more than the whole: send the whole once
        }
        return new RangeRequest(Outcome.PARTIAL, satisfiable);
    }

    /**
     * A position of any number of digits. One too large for a long lies beyond the end of every representation,
     * so it counts as the largest long: a last-pos that large means "to the end", a first-pos that large cannot
     * be satisfied, a suffix that large is the whole (RFC 9110, section 14.1.2).
     */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code first-last} or {@code first-}; null if it starts past the end. */
    private static ByteRange span(long first, long last, long length) {
        if (last >= 0 && last < first) {
            throw new IllegalArgumentException("last before first");
        }
        if (first >= length) {
            return null;
        }
        return new ByteRange(first, last < 0 ? length - 1 : Math.min(last, length - 1));
    }

    /** {@code -n}: the last n bytes; null if n is 0 or the representation is empty. */
    private static ByteRange suffix(long n, long length) {
        if (n == 0 || length == 0) {
            return null;
        }
        return new ByteRange(Math.max(0, length - n), length - 1);
    }
}
