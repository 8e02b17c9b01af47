package org.mptcpsim.study;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal: {@code [#####-----] done/total  rate points/s  ETA}.
 * The rate counts only points finished in this session. Prints nothing when disabled.
 * Thread-safe.
 */
final class SweepProgress {
    private static final int BAR = 30;
    private final PrintStream out;
    private final int total;
    private final int startDone;
    private final long startNanos;
    private int done;

    SweepProgress(PrintStream out, int total, int alreadyDone) {
        this.out = out;
        this.total = total;
        this.startDone = alreadyDone;
        this.done = alreadyDone;
        this.startNanos = System.nanoTime();
    }

    /** True when stderr is an interactive terminal. */
    static boolean terminal() {
        return System.console() != null;
    }

    synchronized void pointDone() {
        done++;
        draw();
    }

    synchronized void draw() {
        if (out == null) {
            return;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int fresh = done - startDone;
        double rate = elapsed > 0 ? fresh / elapsed : 0;
        String eta = rate > 0 ? clock((total - done) / rate) : "--:--";
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d  %.2f points/s  ETA %s",
                "#".repeat(filled), "-".repeat(BAR - filled), done, total, rate, eta);
        if (terminal()) {
            out.print("\r" + line + " ");
        } else if (done == total || done == startDone || (long) 10 * done / Math.max(total, 1)
                != (long) 10 * (done - 1) / Math.max(total, 1)) {
            out.println(line); // logs and CI: one line per tenth of the grid, not a carriage-return stream
        }
        out.flush();
    }

    synchronized void finish() {
        if (out != null && terminal()) {
            out.println();
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
