package dev.carryon.server.download;

import dev.carryon.server.download.Validators.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static dev.carryon.server.download.Validators.Verdict.NOT_MODIFIED;
import static dev.carryon.server.download.Validators.Verdict.PRECONDITION_FAILED;
import static dev.carryon.server.download.Validators.Verdict.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conditional requests against one representation, in the order of RFC 9110, section 13.2.2. */
class ValidatorsTest {
    private static final Instant MODIFIED = Instant.parse("2024-03-01T12:00:00.750Z");
    private static final Validators V = Validators.of("abc123", 10_000, MODIFIED);
    private static final String ETAG = V.etag();
    private static final String LM = imf(MODIFIED);
    private static final String BEFORE = imf(MODIFIED.minusSeconds(1));
    private static final String AFTER = imf(MODIFIED.plusSeconds(1));

    /** IMF-fixdate, the preferred HTTP-date format. */
    private static String imf(Instant t) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC)
                .format(t);
    }

    private static Verdict evaluate(String... headers) {
        return V.evaluate(headers(headers)::get);
    }

    private static boolean rangeValid(String... headers) {
        return V.rangeStillValid(headers(headers)::get);
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void theValidatorsAreAStrongTagAndASecondsDate() {
        assertTrue(ETAG.matches("\"[^\"]+\""), ETAG);
        assertEquals(Instant.parse("2024-03-01T12:00:00Z"), V.lastModified());
        assertEquals("Fri, 01 Mar 2024 12:00:00 GMT", LM);
    }

    @Test
    void theTagChangesWhenTheLengthDoes() {
        // An unfinished upload grows: a cached prefix must not validate against the longer representation.
        assertNotEquals(ETAG, Validators.of("abc123", 10_001, MODIFIED).etag());
        assertNotEquals(ETAG, Validators.of("abc124", 10_000, MODIFIED).etag());
    }

    @Test
    void noPreconditionsProceed() {
        assertEquals(PROCEED, evaluate());
    }

    // 13.1.1 If-Match: strong comparison, "*" matches any current representation.

    @Test
    void ifMatchWithTheTagProceeds() {
        assertEquals(PROCEED, evaluate("If-Match", ETAG));
        assertEquals(PROCEED, evaluate("If-Match", "\"x\", " + ETAG));
        assertEquals(PROCEED, evaluate("If-Match", "*"));
    }

    @Test
    void ifMatchWithAnotherTagFails() {
        assertEquals(PRECONDITION_FAILED, evaluate("If-Match", "\"x\""));
        assertEquals(PRECONDITION_FAILED, evaluate("If-Match", "\"x\", \"y\""));
    }

    @Test
    void ifMatchComparesStronglySoAWeakTagFails() {
        assertEquals(PRECONDITION_FAILED, evaluate("If-Match", "W/" + ETAG));
    }

    @Test
    void anUnquotedTagIsNotTheTag() {
        assertEquals(PRECONDITION_FAILED, evaluate("If-Match", ETAG.replace("\"", "")));
        assertEquals(PROCEED, evaluate("If-None-Match", ETAG.replace("\"", "")));
    }

    // 13.1.4 If-Unmodified-Since, evaluated only without If-Match.

    @Test
    void ifUnmodifiedSinceFailsOnlyWhenModifiedAfterTheDate() {
        assertEquals(PROCEED, evaluate("If-Unmodified-Since", LM));
        assertEquals(PROCEED, evaluate("If-Unmodified-Since", AFTER));
        assertEquals(PRECONDITION_FAILED, evaluate("If-Unmodified-Since", BEFORE));
    }

    @Test
    void ifMatchBeatsIfUnmodifiedSince() {
        assertEquals(PROCEED, evaluate("If-Match", ETAG, "If-Unmodified-Since", BEFORE));
        assertEquals(PRECONDITION_FAILED, evaluate("If-Match", "\"x\"", "If-Unmodified-Since", AFTER));
    }

    @Test
    void anInvalidIfUnmodifiedSinceIsIgnored() {
        assertEquals(PROCEED, evaluate("If-Unmodified-Since", "yesterday"));
        assertEquals(PROCEED, evaluate("If-Unmodified-Since", BEFORE + ", " + BEFORE));
        assertEquals(PROCEED, evaluate("If-Unmodified-Since", ""));
    }

    // 13.1.2 If-None-Match: weak comparison; a match on GET or HEAD means 304.

    @Test
    void ifNoneMatchWithTheTagIsNotModified() {
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", ETAG));
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", "\"x\",\"y\"," + ETAG));
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", "*"));
    }

    @Test
    void ifNoneMatchComparesWeaklySoAWeakTagMatches() {
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", "W/" + ETAG));
    }

    @Test
    void ifNoneMatchWithOtherTagsProceeds() {
        assertEquals(PROCEED, evaluate("If-None-Match", "\"x\""));
        assertEquals(PROCEED, evaluate("If-None-Match", "W/\"x\", \"y\""));
    }

    // 13.1.3 If-Modified-Since, evaluated only without If-None-Match.

    @Test
    void ifModifiedSinceIsNotModifiedAtOrAfterTheDate() {
        assertEquals(NOT_MODIFIED, evaluate("If-Modified-Since", LM));
        assertEquals(NOT_MODIFIED, evaluate("If-Modified-Since", AFTER));
        assertEquals(PROCEED, evaluate("If-Modified-Since", BEFORE));
    }

    @Test
    void everyHttpDateFormatIsUnderstood() {
        // 5.6.7: recipients accept IMF-fixdate and the obsolete RFC 850 and asctime formats.
        assertEquals(NOT_MODIFIED, evaluate("If-Modified-Since", "Friday, 01-Mar-24 12:00:00 GMT"));
        assertEquals(NOT_MODIFIED, evaluate("If-Modified-Since", "Fri Mar  1 12:00:00 2024"));
        assertEquals(PROCEED, evaluate("If-Modified-Since", "Fri Mar  1 11:59:59 2024"));
    }

    @Test
    void theDateIsComparedToTheSecond() {
        // Last-Modified carries no fraction; the one the client got back must count as not modified.
        Validators fraction = Validators.of("abc123", 1, Instant.parse("2024-03-01T12:00:00.999Z"));
        assertEquals(NOT_MODIFIED, fraction.evaluate(headers("If-Modified-Since", LM)::get));
        assertEquals(PROCEED, fraction.evaluate(headers("If-Unmodified-Since", LM)::get));
    }

    @Test
    void ifNoneMatchBeatsIfModifiedSince() {
        assertEquals(PROCEED, evaluate("If-None-Match", "\"x\"", "If-Modified-Since", AFTER));
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", ETAG, "If-Modified-Since", BEFORE));
    }

    @Test
    void anInvalidIfModifiedSinceIsIgnored() {
        assertEquals(PROCEED, evaluate("If-Modified-Since", "not a date"));
        assertEquals(PROCEED, evaluate("If-Modified-Since", "Fri, 32 Mar 2024 12:00:00 GMT"));
    }

    // 13.2.2: a failed If-Match or If-Unmodified-Since wins over a not-modified verdict.

    @Test
    void preconditionFailedComesBeforeNotModified() {
        assertEquals(PRECONDITION_FAILED, evaluate("If-Match", "\"x\"", "If-None-Match", ETAG));
        assertEquals(PRECONDITION_FAILED, evaluate("If-Unmodified-Since", BEFORE, "If-Modified-Since", AFTER));
        assertEquals(NOT_MODIFIED, evaluate("If-Match", ETAG, "If-None-Match", ETAG));
    }

    // 13.1.5 If-Range: an exact strong match of the tag, or exactly the Last-Modified date.

    @Test
    void withoutIfRangeARangeIsHonoured() {
        assertTrue(rangeValid());
    }

    @Test
    void ifRangeWithTheTagHonoursTheRange() {
        assertTrue(rangeValid("If-Range", ETAG));
        assertTrue(rangeValid("If-Range", " " + ETAG + " "));
    }

    @Test
    void ifRangeWithAStaleTagDoesNot() {
        assertFalse(rangeValid("If-Range", "\"stale\""));
        assertFalse(rangeValid("If-Range", ETAG + ", " + ETAG));
    }

    @Test
    void ifRangeNeverMatchesAWeakTag() {
        assertFalse(rangeValid("If-Range", "W/" + ETAG));
    }

    @Test
    void ifRangeWithTheExactDateHonoursTheRange() {
        assertTrue(rangeValid("If-Range", LM));
        assertTrue(rangeValid("If-Range", "Friday, 01-Mar-24 12:00:00 GMT"));
    }

    @Test
    void ifRangeWithAnyOtherDateDoesNot() {
        // Not "since": a later date is no proof that the client holds this representation.
        assertFalse(rangeValid("If-Range", BEFORE));
        assertFalse(rangeValid("If-Range", AFTER));
    }

    @Test
    void anInvalidIfRangeNeverMatches() {
        assertFalse(rangeValid("If-Range", "garbage"));
        assertFalse(rangeValid("If-Range", ""));
        assertFalse(rangeValid("If-Range", "*"));
    }
}
