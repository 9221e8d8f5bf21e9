package dev.carryon.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.carryon.server.NginxComparison.Case.get;
import static dev.carryon.server.NginxComparison.Case.head;
import static dev.carryon.server.NginxComparison.Case.range;

/**
 * Range requests answered by Carryon and by nginx, side by side. nginx runs with {@code max_ranges 64}, the
 * limit Carryon has built in. Where the two differ, the case says why; nginx answers most malformed Range
 * headers with 416, where Carryon ignores them and sends the whole (RFC 9110, section 14.2: a server MAY
 * ignore a Range header), so a client that sent something odd still gets the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxRangeComparisonTest {
    private static final String MALFORMED =
            "nginx answers a malformed range-set with 416; Carryon ignores the header and sends the whole, as "
                    + "RFC 9110, section 14.2 allows";
    private NginxComparison servers;

    @BeforeAll
    void start() throws Exception {
        servers = NginxComparison.start("max_ranges 64;");
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> rangesOfTenThousandBytes() {
        return servers.tests(
                range("bytes=0-499").answers(206, "0-499"),
                range("bytes=500-999").answers(206, "500-999"),
                range("bytes=0-0").answers(206, "0-0"),
                range("bytes=9999-9999").answers(206, "9999-9999"),
                range("bytes=0-9999").answers(206, "0-9999"),
                range("bytes=0-10000").answers(206, "0-9999"),
                range("bytes=9000-20000").answers(206, "9000-9999"),
                range("bytes=9500-").answers(206, "9500-9999"),
                range("bytes=0-").answers(206, "0-9999"),
                range("bytes=-500").answers(206, "9500-9999"),
                range("bytes=-1").answers(206, "9999-9999"),
                range("bytes=-10000").answers(206, "0-9999"),
                range("bytes=-20000").answers(206, "0-9999"),
                range("bytes=10000-").answers(416),
                range("bytes=10000-10000").answers(416),
                range("bytes=20000-30000").answers(416),
                range("bytes=-0").answers(416),
                range("bytes=20000-,-0").answers(416),
                range("bytes=0-0,-1").answers(206, "0-0", "9999-9999"),
                range("bytes=0-9,20-29,9990-").answers(206, "0-9", "20-29", "9990-9999"),
                range("bytes=500-600,0-10").answers(206, "500-600", "0-10"),
                range("bytes=0-5,3-8").answers(206, "0-5", "3-8"),
                range("bytes=0-1,20000-30000").answers(206, "0-1"),
                range("bytes=0-9999,0-9999").answers(200),
                range("bytes= 0-1").answers(206, "0-1"),
                range("bytes=0-1, 2-3").answers(206, "0-1", "2-3"),
                range("bytes=0-1 , 2-3").answers(206, "0-1", "2-3"),
                range("BYTES=0-1").answers(206, "0-1"),
                range("Bytes=0-1").answers(206, "0-1"),
                range("items=0-1").answers(200),
                range("bytes=").answers(200),
                range("bytes=99999999999999999999-").answers(416),
                range("bytes=9223372036854775807-").answers(416),
                range(everyOtherByte(64)).answers(206, IntStream.range(0, 64).mapToObj(i -> 2 * i + "-" + 2 * i)
                        .toArray(String[]::new)),
                range(everyOtherByte(65)).answers(200),
                head("data", "Range", "bytes=0-499").answers(206, "0-499"),
                head("data").answers(200),
                head("data", "Range", "bytes=20000-").answers(416),

                range("bytes=abc").answers(200).unlikeNginx(MALFORMED),
                range("bytes=5-1").answers(200).unlikeNginx(MALFORMED + " (last-pos before first-pos)"),
                range("bytes=,").answers(200).unlikeNginx(MALFORMED + " (no range-spec at all)"),
                range("bytes=1-2-3").answers(200).unlikeNginx(MALFORMED),
                range("bytes=0-1;x").answers(200).unlikeNginx(MALFORMED),
                range("bytes=0 - 1").answers(200).unlikeNginx(
                        "nginx allows spaces inside a range-spec; the grammar has none there, so Carryon ignores "
                                + "the header as malformed"),
                range("bytes=0-1,,2-3").answers(206, "0-1", "2-3").unlikeNginx(
                        "nginx refuses an empty list element with 416; RFC 9110, section 5.6.1 tells recipients "
                                + "to accept them"),
                range("bytes=0-0,\t1-1").answers(206, "0-0", "1-1").unlikeNginx(
                        "nginx accepts only spaces around commas and answers a tab with 416; a tab is optional "
                                + "whitespace too (RFC 9110, section 5.6.3)"),
                range("bytes =0-1").answers(206, "0-1").unlikeNginx(
                        "nginx requires \"bytes=\" exactly and sends the whole; Carryon tolerates whitespace "
                                + "around the unit"),
                range("bytes=0-99999999999999999999").answers(206, "0-9999").unlikeNginx(
                        "nginx answers 416 when a number overflows its off_t; RFC 9110, section 14.1.2 reads a "
                                + "last-pos beyond the end as the remainder, however large"),
                range("bytes=-99999999999999999999").answers(206, "0-9999").unlikeNginx(
                        "nginx answers 416 when a number overflows; a suffix longer than the representation is "
                                + "the whole (RFC 9110, section 14.1.3)"));
    }

    @TestFactory
    Stream<DynamicTest> rangesOfAnEmptyFile() {
        return servers.tests(
                get("empty").answers(200),
                get("empty", "Range", "bytes=5-").answers(416),
                get("empty", "Range", "bytes=-5").answers(200),
                get("empty", "Range", "bytes=0-").answers(416).unlikeNginx(
                        "nginx sends the empty whole for any range starting at 0; for a representation of zero "
                                + "bytes only a non-zero suffix is satisfiable (RFC 9110, section 14.1.1)"),
                get("empty", "Range", "bytes=0-0").answers(416).unlikeNginx(
                        "as bytes=0-: first-pos 0 is not less than the length 0, so the range is unsatisfiable"),
                get("empty", "Range", "bytes=-0").answers(416).unlikeNginx(
                        "a zero-length suffix is never satisfiable (RFC 9110, section 14.1.1); nginx sends the "
                                + "empty whole"));
    }

    /** {@code bytes=0-0,2-2,4-4,…} with {@code count} ranges. */
    private static String everyOtherByte(int count) {
        return "bytes=" + IntStream.range(0, count).mapToObj(i -> 2 * i + "-" + 2 * i).collect(Collectors.joining(","));
    }
}
