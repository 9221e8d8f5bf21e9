package dev.carryon.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionValuesTest {

    @Test
    void readsSizesAsPeopleWriteThem() {
        assertEquals(1048576, ByteSize.parse("1048576").bytes());
        assertEquals(512L << 10, ByteSize.parse("512K").bytes());
        assertEquals(40L << 20, ByteSize.parse("40M").bytes());
        assertEquals(10L << 30, ByteSize.parse("10g").bytes());
        assertEquals(2L << 40, ByteSize.parse("2TiB").bytes());
        assertEquals(3L << 30, ByteSize.parse("3GB").bytes());
    }

    @Test
    void refusesSizesThatAreNotSizes() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("ten"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9999999999T"));
    }

    @Test
    void readsDurations() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofHours(24), Durations.parse("24h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1w"));
    }

    @Test
    void rejectsBadOptionValuesWithAUsageError() {
        assertEquals(2, Main.commandLine().execute("serve", "--max-size", "lots"));
        assertEquals(2, Main.commandLine().execute("serve", "--expire-after", "soon"));
        assertEquals(2, Main.commandLine().execute("serve", "--min-data-rate", "fast"));
        assertEquals(2, Main.commandLine().execute("serve", "--data-rate-window", "0"));
        assertEquals(2, Main.commandLine().execute("serve", "--idle-timeout", "0"));
    }
}
