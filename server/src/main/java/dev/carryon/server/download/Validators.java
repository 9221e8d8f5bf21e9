package dev.carryon.server.download;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * A representation's validators ({@code ETag}, {@code Last-Modified}) and the evaluation of conditional
 * requests against them, in the order of RFC 9110, section 13.2.2.
 *
 * @param etag         a strong entity tag, quoted
 * @param lastModified to the second, as HTTP dates carry it
 */
record Validators(String etag, Instant lastModified) {

    enum Verdict { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    static Validators of(String id, long length, Instant modified) {
        return new Validators("\"" + id + "-" + Long.toHexString(length) + "\"", modified.truncatedTo(ChronoUnit.SECONDS));
    }

    /** What the preconditions of a GET or HEAD say; {@code header} gives a request header's value or null. */
    Verdict evaluate(Function<String, String> header) {
        String ifMatch = header.apply("If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, true)) {
                return Verdict.PRECONDITION_FAILED;
            }
        } else {
            Instant unmodifiedSince = date(header.apply("If-Unmodified-Since"));
            if (unmodifiedSince != null && lastModified.isAfter(unmodifiedSince)) {
                return Verdict.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = header.apply("If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, false)) {
                return Verdict.NOT_MODIFIED;
            }
        } else {
            Instant modifiedSince = date(header.apply("If-Modified-Since"));
            if (modifiedSince != null && !lastModified.isAfter(modifiedSince)) {
                return Verdict.NOT_MODIFIED;
            }
        }
        return Verdict.PROCEED;
    }

    /** Whether a {@code Range} may be honoured: true without {@code If-Range}, else only if it still matches. */
    boolean rangeStillValid(Function<String, String> header) {
        String ifRange = header.apply("If-Range");
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"")) {
            return value.equals(etag); // strong comparison; weak tags never match
        }
        if (value.startsWith("W/")) {
            return false;
        }
        Instant date = date(value);
        return date != null && date.equals(lastModified);
    }

    /** Whether a list of entity tags (or {@code *}) matches, by strong or weak comparison. */
    private boolean matches(String list, boolean strong) {
        for (String raw : list.split(",")) {
            String tag = raw.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                if (strong) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(String value) {
        return HttpDate.parse(value);
    }
}
