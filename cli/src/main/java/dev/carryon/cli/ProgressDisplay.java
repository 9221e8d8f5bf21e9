package dev.carryon.cli;

import dev.carryon.client.ProgressSnapshot;
import dev.carryon.client.TransferProgress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Shows a transfer's progress on stderr: on a terminal, a bar redrawn in place with rate and ETA; otherwise
 * (a log, a pipe) a plain line every few seconds. The rate is taken over the last few seconds, so it follows
 * a changing network. Set {@code CARRYON_PROGRESS=bar} or {@code =lines} to choose.
 */
final class ProgressDisplay implements AutoCloseable {
    private static final Duration BAR_EVERY = Duration.ofMillis(200);
    private static final Duration LINE_EVERY = Duration.ofSeconds(5);
    private static final long WINDOW_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int BAR_WIDTH = 24;

    private record Sample(long nanos, long bytes) {
    }

    private final String label;
    private final TransferProgress progress;
    private final PrintStream err = System.err;
    private final boolean bar;
    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private final Thread ticker;

    private ProgressDisplay(String label, TransferProgress progress) {
        this.label = label.length() > 28 ? "…" + label.substring(label.length() - 27) : label;
        this.progress = progress;
        this.bar = stderrIsTerminal();
        ProgressSnapshot start = progress.snapshot();
        window.add(new Sample(System.nanoTime(), Math.max(start.bytesConfirmed(), start.bytesAtStart())));
        this.ticker = Thread.ofVirtual().name("carryon-progress").start(this::tick);
    }

    /** Starts showing {@code progress}; shows nothing if {@code quiet}. */
    static ProgressDisplay start(String label, TransferProgress progress, boolean quiet) {
        return quiet ? null : new ProgressDisplay(label, progress);
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(bar ? BAR_EVERY : LINE_EVERY);
                show(false);
            }
        } catch (InterruptedException stopped) {
            // closed
        }
    }

    private synchronized void show(boolean last) {
        ProgressSnapshot s = progress.snapshot();
        long total = s.totalBytes();
        // Bytes sent run ahead of those confirmed by up to a chunk; they are what moves while a chunk goes out.
        long shown = Math.max(s.bytesConfirmed(), s.bytesAtStart() + s.bytesSent());
        if (total >= 0) {
            shown = Math.min(shown, total);
        }
        long now = System.nanoTime();
        window.addLast(new Sample(now, shown));
        while (window.size() > 2 && now - window.peekFirst().nanos() > WINDOW_NANOS) {
            window.removeFirst();
        }
        Sample first = window.peekFirst();
        double seconds = (now - first.nanos()) / 1e9;
        double rate = seconds > 0 ? (shown - first.bytes()) / seconds : 0;
        double eta = total >= 0 && rate > 0 ? (total - shown) / rate : Double.NaN;
        String amount = Units.bytes(shown) + (total >= 0 ? " / " + Units.bytes(total) : "");
        if (bar) {
            double ratio = total > 0 ? (double) shown / total : total == 0 ? 1 : 0;
            int filled = (int) Math.round(ratio * BAR_WIDTH);
            String meter = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
            err.print(String.format(Locale.ROOT, "\r%s %3.0f%% [%s] %s  %s  ETA %s\033[K", label, ratio * 100, meter,
                    amount, Units.rate(rate), last ? Units.duration(0) : Units.duration(eta)));
            if (last) {
                err.println();
            }
        } else if (!last) {
            String percent = total > 0 ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * shown / total) : "";
            err.println(label + ": " + amount + percent + ", " + Units.rate(rate)
                    + (Double.isNaN(eta) ? "" : ", " + Units.duration(eta) + " left"));
        }
        err.flush();
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bar) {
            show(true);
        }
    }

    /** Whether stderr is a terminal: on Linux by where fd 2 points, elsewhere by the console's presence. */
    private static boolean stderrIsTerminal() {
        String forced = System.getenv("CARRYON_PROGRESS");
        if (forced != null) {
            return forced.equalsIgnoreCase("bar");
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }
}
