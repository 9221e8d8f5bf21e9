package dev.carryon.cli.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a reliability suite prints, as one line that CI logs can be searched for:
 * {@code [reliability] crash(disk): seed=42 uploads=8/8 kills=4 …}. Printed to standard output (and kept in
 * the surefire report) whether the suite passes or fails, so a failure's numbers are there too.
 */
final class Report {
    private final String suite;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    Report(String suite) {
        this.suite = suite;
    }

    Report put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    String line() {
        return "[reliability] " + suite + ": " + figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    void print() {
        System.out.println(line());
        System.out.flush();
    }

    /** Milliseconds with one decimal, for latencies. */
    static String millis(long nanos) {
        return String.format("%.1fms", nanos / 1e6);
    }

    static String mib(long bytes) {
        return String.format("%.1fMiB", bytes / (double) (1 << 20));
    }
}
