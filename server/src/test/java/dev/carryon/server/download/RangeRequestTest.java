package dev.carryon.server.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code Range} headers read against a length, case by case through RFC 9110, section 14. Expected outcomes
 * are written {@code WHOLE} (200 with the whole representation), {@code 416}, or the ranges served as
 * {@code first-last} separated by {@code ;}.
 */
class RangeRequestTest {

    @ParameterizedTest(name = "[{0}] of {1} bytes -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # int-range (14.1.2)
            bytes=0-499                    | 10000 | 0-499
            bytes=500-999                  | 10000 | 500-999
            bytes=0-0                      | 10000 | 0-0
            bytes=9999-9999                | 10000 | 9999-9999
            bytes=0-9999                   | 10000 | 0-9999
            # last-pos at or beyond the length means the remainder
            bytes=0-10000                  | 10000 | 0-9999
            bytes=9000-20000               | 10000 | 9000-9999
            # open-ended
            bytes=9500-                    | 10000 | 9500-9999
            bytes=0-                       | 10000 | 0-9999
            bytes=9999-                    | 10000 | 9999-9999
            # suffix-range (14.1.3): the last n bytes, all of them if there are fewer
            bytes=-500                     | 10000 | 9500-9999
            bytes=-1                       | 10000 | 9999-9999
            bytes=-10000                   | 10000 | 0-9999
            bytes=-20000                   | 10000 | 0-9999
            # unsatisfiable: first-pos at or past the end, a zero suffix
            bytes=10000-                   | 10000 | 416
            bytes=10000-10000              | 10000 | 416
            bytes=20000-30000              | 10000 | 416
            bytes=-0                       | 10000 | 416
            bytes=20000-,-0                | 10000 | 416
            # several ranges, kept in the order asked, neither merged nor reordered
            bytes=0-0,-1                   | 10000 | 0-0;9999-9999
            bytes=500-600,0-10             | 10000 | 500-600;0-10
            bytes=500-600,601-999          | 10000 | 500-600;601-999
            bytes=0-5,3-8                  | 10000 | 0-5;3-8
            # an unsatisfiable one among satisfiable ones is left out
            bytes=0-1,20000-30000          | 10000 | 0-1
            # asking for more than the whole in total: the whole, once
            bytes=0-9999,0-9999            | 10000 | WHOLE
            bytes=-6000,0-5000             | 10000 | WHOLE
            # list syntax (5.6.1): OWS around commas, empty elements
            'bytes=0-1, 2-3'               | 10000 | 0-1;2-3
            'bytes=0-1 ,\t2-3'             | 10000 | 0-1;2-3
            bytes=0-1,,2-3                 | 10000 | 0-1;2-3
            bytes=0-1,                     | 10000 | 0-1
            # range units are case-insensitive (14.1)
            BYTES=0-1                      | 10000 | 0-1
            Bytes=0-1                      | 10000 | 0-1
            # a unit other than bytes is ignored (14.2)
            items=0-1                      | 10000 | WHOLE
            none                           | 10000 | WHOLE
            # an invalid header is ignored (14.2 allows ignoring a Range)
            bytes=                         | 10000 | WHOLE
            bytes=,                        | 10000 | WHOLE
            'bytes=, ,'                    | 10000 | WHOLE
            bytes=-                        | 10000 | WHOLE
            bytes=5-1                      | 10000 | WHOLE
            bytes=0-1,5-1                  | 10000 | WHOLE
            bytes=abc                      | 10000 | WHOLE
            'bytes=0 - 1'                  | 10000 | WHOLE
            bytes=1-2-3                    | 10000 | WHOLE
            bytes=+1-2                     | 10000 | WHOLE
            bytes=-1-2                     | 10000 | WHOLE
            bytes=0x10-0x20                | 10000 | WHOLE
            bytes=0-1;q=1                  | 10000 | WHOLE
            'bytes 0-1'                    | 10000 | WHOLE
            bytes=0-1,abc                  | 10000 | WHOLE
            # numbers of any size: past the end is past the end, however far
            bytes=9223372036854775807-     | 10000 | 416
            bytes=0-9223372036854775807    | 10000 | 0-9999
            bytes=99999999999999999999-    | 10000 | 416
            bytes=0-99999999999999999999   | 10000 | 0-9999
            bytes=-99999999999999999999    | 10000 | 0-9999
            bytes=000000000000000000005-6  | 10000 | 5-6
            # a representation of one byte
            bytes=0-0                      | 1     | 0-0
            bytes=-5                       | 1     | 0-0
            bytes=1-                       | 1     | 416
            # an empty representation: only a non-zero suffix is satisfiable (14.1.1), and as no
            # Content-Range can describe zero bytes, the (empty) whole answers it
            bytes=0-                       | 0     | 416
            bytes=0-0                      | 0     | 416
            bytes=-0                       | 0     | 416
            bytes=-1                       | 0     | WHOLE
            bytes=-99999999999999999999    | 0     | WHOLE
            """)
    void readsTheHeader(String header, long length, String expected) {
        assertEquals(expected, describe(RangeRequest.parse(header.replace("\\t", "\t"), length)));
    }

    @Test
    void noHeaderMeansTheWhole() {
        assertEquals("WHOLE", describe(RangeRequest.parse(null, 10)));
    }

    @Test
    void upToSixtyFourRangesAreServed() {
        String expected = IntStream.range(0, 64).mapToObj(i -> (2 * i) + "-" + (2 * i))
                .collect(Collectors.joining(";"));
        assertEquals(expected, describe(RangeRequest.parse(everyOtherByte(64), 10000)));
    }

    @Test
    void moreThanSixtyFourRangesAreIgnored() {
        assertEquals("WHOLE", describe(RangeRequest.parse(everyOtherByte(65), 10000)));
    }

    /** {@code bytes=0-0,2-2,4-4,…} with {@code count} ranges. */
    private static String everyOtherByte(int count) {
        return "bytes=" + IntStream.range(0, count).mapToObj(i -> (2 * i) + "-" + (2 * i))
                .collect(Collectors.joining(","));
    }

    private static String describe(RangeRequest request) {
        return switch (request.outcome()) {
            case WHOLE -> {
                assertEquals(List.of(), request.ranges());
                yield "WHOLE";
            }
            case UNSATISFIABLE -> {
                assertEquals(List.of(), request.ranges());
                yield "416";
            }
            case PARTIAL -> request.ranges().stream().map(r -> r.first() + "-" + r.last())
                    .collect(Collectors.joining(";"));
        };
    }
}
