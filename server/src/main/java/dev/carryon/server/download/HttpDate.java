package dev.carryon.server.download;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Reads an HTTP-date (RFC 9110, section 5.6.7) strictly: IMF-fixdate, or the obsolete RFC 850 and asctime
 * forms, and nothing else. A value that is not exactly one valid date (a 32nd of March, a list of dates,
 * trailing text) is no date at all, so the header that carries it is ignored.
 */
final class HttpDate {
    private static final List<DateTimeFormatter> FORMATS = List.of(
            strict(new DateTimeFormatterBuilder().appendPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'")),
            // A two-digit year more than 50 years ahead means the latest such year in the past.
            strict(new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 49)
                    .appendPattern(" HH:mm:ss 'GMT'")),
            strict(new DateTimeFormatterBuilder().appendPattern("EEE MMM ppd HH:mm:ss uuuu")));

    private HttpDate() {
    }

    /** The instant {@code value} names, or null if it is not an HTTP-date. */
    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : FORMATS) {
            try {
                return LocalDateTime.parse(value.strip(), format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return null;
    }

    private static DateTimeFormatter strict(DateTimeFormatterBuilder builder) {
        return builder.toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
    }
}
