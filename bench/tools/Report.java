import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the results file that bench/run's scenarios write into the report: statistics, ratios, targets,
 * the machine, the commands, and one SVG chart per scenario.
 *
 * <p>Usage: {@code java Report.java RESULTS REPORT.md CHART_DIR} (bench/run compiles it with the load tool first)
 *
 * <p>The results file has one tab-separated record per line; its first field says what it is:
 * <pre>
 * R key value                        about the run (command, date, smoke, pairs, duration)
 * I key value                        about the machine and the peers' versions
 * S scenario number title            a scenario
 * D scenario text                    its description (N: a note, X: why it was skipped, F: why it failed)
 * M scenario measure unit higher|lower primary title
 * L scenario measure subject         the subject is a physical limit, not a peer
 * V scenario measure subject value   one run's figure
 * T scenario measure subject refs min label
 * C scenario subject command         a command the scenario ran
 * </pre>
 */
public class Report {
    record Target(String subject, List<String> refs, double min, String label) {}

    static final class Measure {
        final String id, unit, primary, title;
        final boolean higher;
        final Map<String, List<Double>> samples = new LinkedHashMap<>();
        final Set<String> limits = new LinkedHashSet<>();
        final List<Target> targets = new ArrayList<>();

        Measure(String id, String unit, boolean higher, String primary, String title) {
            this.id = id;
            this.unit = unit;
            this.higher = higher;
            this.primary = primary;
            this.title = title;
        }

        double median(String subject) {
            List<Double> v = samples.get(subject);
            return v == null || v.isEmpty() ? Double.NaN : Report.median(v);
        }

        /** How many times better {@code a} is than {@code b}: above 1 when {@code a} is faster, or uses less. */
        double ratio(String a, String b) {
            return higher ? median(a) / median(b) : median(b) / median(a);
        }

        List<String> subjects() {
            List<String> s = new ArrayList<>(samples.keySet());
            if (s.remove(primary)) {
                s.addFirst(primary);
            }
            return s;
        }
    }

    static final class Scenario {
        final String id;
        String number = "", title;
        final List<String> descriptions = new ArrayList<>(), notes = new ArrayList<>(), failures = new ArrayList<>();
        final Map<String, Measure> measures = new LinkedHashMap<>();
        final Map<String, Set<String>> commands = new LinkedHashMap<>();
        String skipped;

        Scenario(String id) {
            this.id = id;
            this.title = id;
        }

        String heading() {
            return number.isEmpty() ? title : number + ". " + title;
        }
    }

    final Map<String, String> run = new LinkedHashMap<>(), machine = new LinkedHashMap<>();
    final Map<String, Scenario> scenarios = new LinkedHashMap<>();

    public static void main(String[] args) throws IOException {
        Report report = new Report();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                report.read(line.split("\t", -1));
            }
        }
        Path out = Path.of(args[1]).toAbsolutePath();
        Path charts = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(charts);
        for (Scenario s : report.scenarios.values()) {
            if (!s.measures.isEmpty()) {
                Files.writeString(charts.resolve(s.id + ".svg"), Chart.svg(s));
            }
        }
        Files.writeString(out, report.markdown(out.getParent().relativize(charts)));
    }

    Scenario scenario(String id) {
        return scenarios.computeIfAbsent(id, Scenario::new);
    }

    void read(String[] f) {
        switch (f[0]) {
            case "R" -> run.put(f[1], f[2]);
            case "I" -> machine.put(f[1], f[2]);
            case "S" -> {
                scenario(f[1]).number = f[2];
                scenario(f[1]).title = f[3];
            }
            case "D" -> scenario(f[1]).descriptions.add(f[2]);
            case "N" -> scenario(f[1]).notes.add(f[2]);
            case "X" -> scenario(f[1]).skipped = f[2];
            case "F" -> scenario(f[1]).failures.add(f[2]);
            case "M" -> scenario(f[1]).measures.put(f[2], new Measure(f[2], f[3], f[4].equals("higher"), f[5], f[6]));
            case "L" -> scenario(f[1]).measures.get(f[2]).limits.add(f[3]);
            case "V" -> scenario(f[1]).measures.get(f[2]).samples.computeIfAbsent(f[3], k -> new ArrayList<>()).add(Double.parseDouble(f[4]));
            case "T" -> scenario(f[1]).measures.get(f[2]).targets.add(new Target(f[3], List.of(f[4].split(",")), Double.parseDouble(f[5]), f[6]));
            case "C" -> scenario(f[1]).commands.computeIfAbsent(f[2], k -> new LinkedHashSet<>()).add(f[3]);
            default -> throw new IllegalArgumentException("unknown record " + String.join("\t", f));
        }
    }

    // ------------------------------------------------------------------ markdown

    String markdown(Path charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Carryon benchmarks\n\n");
        md.append("Measured ").append(run.getOrDefault("date", "")).append(" with `").append(run.getOrDefault("command", "bench/run"))
                .append("` in ").append(minutes(run.get("duration"))).append(". Every subject of a scenario runs once per pair, in turn")
                .append(" (A B A B …, ").append(plural(run.getOrDefault("pairs", "?"), "pair")).append("), so that a change in the machine during")
                .append(" the run touches all of them alike. Figures are medians, with the lowest and highest run. A ratio compares")
                .append(" Carryon's median with another subject's and reads the same way for every measure: above 1× Carryon does")
                .append(" better (faster, or less latency or memory), below 1× it does worse. The charts draw the median as a bar and")
                .append(" the range of the runs as a whisker. In the commands, `$WORK` is the scratch directory, `$CACHE` holds the payloads,")
                .append(" `$TOOLS` the compiled `bench/tools`, `$PORT` and `$BASE` are a server's port and creation URL. `bench/run`")
                .append(" reproduces all of it; see [bench/README.md](bench/README.md).\n\n");
        if ("1".equals(run.get("smoke"))) {
            md.append("> **Smoke run:** tiny sizes and a single pair, to check that the harness works. These figures say nothing about performance.\n\n");
        }
        summary(md);
        md.append("## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        md.append('\n');
        for (Scenario s : scenarios.values()) {
            scenario(md, s, charts);
        }
        return md.toString();
    }

    void summary(StringBuilder md) {
        md.append("## Summary\n\n| Scenario | Measure | Carryon | Ratios | Target | |\n|---|---|---:|---|---|---|\n");
        for (Scenario s : scenarios.values()) {
            if (s.skipped != null) {
                md.append("| ").append(cell(s.heading())).append(" | not run: ").append(cell(s.skipped)).append(" | | | | |\n");
                continue;
            }
            boolean named = false; // the scenario is named on its first row only
            for (Measure m : s.measures.values()) {
                List<String> ratios = new ArrayList<>();
                for (String other : m.subjects()) {
                    if (!other.equals(m.primary)) {
                        ratios.add(times(m.ratio(m.primary, other)) + " vs " + other);
                    }
                }
                String name = named ? "" : cell(s.heading());
                named = true;
                String first = "| " + name + " | " + cell(m.title) + " | " + number(m.median(m.primary)) + " " + m.unit
                        + " | " + cell(String.join(", ", ratios)) + " | ";
                if (m.targets.isEmpty()) {
                    md.append(first).append(" | |\n");
                }
                for (Target t : m.targets) {
                    md.append(first).append(cell(t.label)).append(" | ").append(verdict(m, t).word).append(" |\n");
                    first = "| | | | | "; // one row per target, the measure named once
                }
            }
            if (!s.failures.isEmpty()) {
                md.append("| ").append(cell(s.heading())).append(" | **failed** | | | | |\n");
            }
        }
        md.append('\n');
    }

    record Verdict(String word, String detail) {}

    static Verdict verdict(Measure m, Target t) {
        String best = null;
        for (String r : t.refs) {
            if (m.samples.containsKey(r) && (best == null || m.ratio(r, best) > 1)) {
                best = r;
            }
        }
        if (best == null || !m.samples.containsKey(t.subject)) {
            return new Verdict("not measured", "not measured");
        }
        double ratio = m.ratio(t.subject, best);
        boolean pass = ratio >= t.min;
        return new Verdict((pass ? "**pass** " : "**miss** ") + times(ratio),
                times(ratio) + " against " + best + ": " + (pass ? "**pass**" : "**miss**"));
    }

    void scenario(StringBuilder md, Scenario s, Path charts) {
        md.append("## ").append(s.heading()).append("\n\n");
        s.descriptions.forEach(d -> md.append(d).append("\n\n"));
        if (s.skipped != null) {
            md.append("**Not run:** ").append(s.skipped).append("\n\n");
        }
        s.failures.forEach(f -> md.append("**Failed:** ").append(f).append("\n\n"));
        if (!s.measures.isEmpty()) {
            md.append("![").append(s.title).append("](").append(charts.resolve(s.id + ".svg").toString().replace('\\', '/')).append(")\n\n");
        }
        for (Measure m : s.measures.values()) {
            md.append("**").append(m.title).append("**, ").append(m.unit).append(m.higher ? " (higher is better)" : " (lower is better)").append("\n\n");
            md.append("| | median | min – max | runs | ").append(m.primary).append(" vs this |\n|---|---:|---:|---:|---:|\n");
            for (String subject : m.subjects()) {
                List<Double> v = m.samples.get(subject);
                String name = subject.equals(m.primary) ? "**" + subject + "**" : m.limits.contains(subject) ? subject + " (limit)" : subject;
                md.append("| ").append(cell(name)).append(" | ").append(number(median(v))).append(" | ")
                        .append(number(Collections.min(v))).append(" – ").append(number(Collections.max(v))).append(" | ")
                        .append(v.size()).append(" | ").append(subject.equals(m.primary) ? "" : times(m.ratio(m.primary, subject))).append(" |\n");
            }
            md.append('\n');
            for (Target t : m.targets) {
                md.append("- Target for ").append(t.subject).append(": ").append(t.label).append(". Measured ").append(verdict(m, t).detail).append(".\n");
            }
            if (!m.targets.isEmpty()) {
                md.append('\n');
            }
        }
        s.notes.forEach(n -> md.append("- ").append(n).append('\n'));
        if (!s.notes.isEmpty()) {
            md.append('\n');
        }
        if (!s.commands.isEmpty()) {
            md.append("<details><summary>Commands</summary>\n\n");
            s.commands.forEach((subject, lines) -> {
                md.append(subject).append(":\n\n```sh\n");
                lines.forEach(l -> md.append(l).append('\n'));
                md.append("```\n\n");
            });
            md.append("</details>\n\n");
        }
    }

    // ------------------------------------------------------------------ numbers

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** Three significant figures, no more decimals than that. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "–";
        }
        double a = Math.abs(x);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, x);
    }

    static String times(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String minutes(String seconds) {
        if (seconds == null) {
            return "?";
        }
        long s = Long.parseLong(seconds);
        return s < 120 ? s + " s" : (s + 30) / 60 + " min";
    }

    static String plural(String n, String word) {
        return n + " " + word + ("1".equals(n) ? "" : "s");
    }

    static String cell(String s) {
        return s.replace("|", "\\|");
    }

    // ------------------------------------------------------------------ SVG

    /** Horizontal bars: the median as the bar, the lowest and highest run as a whisker; one panel per measure. */
    static final class Chart {
        static final int WIDTH = 760, LABEL = 200, BARS = 430, ROW = 24, HEAD = 30;

        static String svg(Scenario s) {
            StringBuilder body = new StringBuilder();
            int y = 40;
            for (Measure m : s.measures.values()) {
                body.append(text(12, y + 16, 14, "bold", "start", m.title + " (" + m.unit + ", " + (m.higher ? "higher" : "lower") + " is better)"));
                y += HEAD;
                double max = 0;
                for (List<Double> v : m.samples.values()) {
                    max = Math.max(max, Collections.max(v));
                }
                double scale = max > 0 ? BARS / (max * 1.05) : 0;
                for (String subject : m.subjects()) {
                    List<Double> v = m.samples.get(subject);
                    double med = median(v), lo = Collections.min(v), hi = Collections.max(v);
                    String color = subject.equals(m.primary) ? "#2563eb" : m.limits.contains(subject) ? "#d97706" : "#94a3b8";
                    int mid = y + ROW / 2;
                    body.append(text(LABEL - 8, mid + 4, 12, "normal", "end", subject + (m.limits.contains(subject) ? " (limit)" : "")));
                    body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                            LABEL, y + 4, Math.max(1, med * scale), ROW - 8, color));
                    double x1 = LABEL + lo * scale, x2 = LABEL + hi * scale;
                    body.append(String.format(Locale.ROOT, "<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"#1e293b\" stroke-width=\"1.5\" fill=\"none\"/>%n",
                            x1, mid, x2, x1, mid - 5, mid + 5, x2, mid - 5, mid + 5));
                    body.append(text((int) Math.max(LABEL + med * scale, x2) + 8, mid + 4, 12, "normal", "start", number(med) + " " + m.unit));
                    y += ROW;
                }
                y += 14;
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y + "\" viewBox=\"0 0 " + WIDTH + " " + y
                    + "\" font-family=\"-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\">\n"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
                    + text(12, 22, 16, "bold", "start", s.heading()) + body + "</svg>\n";
        }

        static String text(int x, int y, int size, String weight, String anchor, String s) {
            return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\" font-weight=\"" + weight + "\" text-anchor=\"" + anchor
                    + "\" fill=\"#0f172a\">" + s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</text>\n";
        }
    }
}
