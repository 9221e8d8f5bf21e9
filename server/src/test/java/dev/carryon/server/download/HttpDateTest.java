package dev.carryon.server.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** HTTP-dates in the three forms of RFC 9110, section 5.6.7, and what is not one. */
class HttpDateTest {
    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", " Sun, 06 Nov 1994 08:49:37 GMT "})
    void readsEachForm(String value) {
        assertEquals(EXAMPLE, HttpDate.parse(value));
    }

    @Test
    void aTwoDigitYearIsNeverMoreThanFiftyYearsAhead() {
        int year = Year.now(ZoneOffset.UTC).getValue();
        int past = year - 49;
        int ahead = year + 50;
        assertEquals(past, yearOf(String.format("%02d", past % 100)));
        assertEquals(ahead, yearOf(String.format("%02d", ahead % 100)));
    }

    private static int yearOf(String twoDigits) {
        // 01 Jan of any year: find its day name by trying them all.
        for (String day : new String[] {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}) {
            Instant t = HttpDate.parse(day + ", 01-Jan-" + twoDigits + " 00:00:00 GMT");
            if (t != null) {
                return t.atZone(ZoneOffset.UTC).getYear();
            }
        }
        throw new AssertionError("no day name fits 01-Jan-" + twoDigits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "1994-11-06T08:49:37Z", "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0000",
            "Sun, 06 Nov 1994 08:49:37 gmt", "sun, 06 nov 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
            "Mon, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT; length=12", "Sun, 06 Nov 1994 08:49:37"})
    void anythingElseIsNoDate(String value) {
        assertNull(HttpDate.parse(value));
    }

    @Test
    void nullIsNoDate() {
        assertNull(HttpDate.parse(null));
    }
}
