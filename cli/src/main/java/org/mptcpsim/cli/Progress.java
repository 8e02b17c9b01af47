package org.mptcpsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.mptcpsim.scenario.run.ScenarioRunner;

/**
 * A progress line on stderr for runs longer than about two seconds of wall time. On a terminal it
 * is rewritten in place every half second; elsewhere (a log, CI) a line is printed per tenth of
 * the simulated time, and also when five wall seconds passed without one, so a slow run can be
 * told from a stalled one (a stalled run is ended by the event loop's watchdog).
 */
final class Progress implements ScenarioRunner.Progress {
    /** Wall time without a line, off a terminal, after which one is printed anyway. */
    static final long HEARTBEAT_NS = 5_000_000_000L;

    private final String label;
    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private int lastTenth;
    private boolean printed;

    Progress(String label) {
        this(label, System.err, System.console() != null, System::nanoTime);
    }

    Progress(String label, PrintStream err, boolean terminal, LongSupplier clock) {
        this.label = label;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    @Override
    public void update(long simPs, long endPs) {
        long now = clock.getAsLong();
        double wall = (now - start) / 1e9;
        double frac = simPs / (double) endPs;
        int tenth = (int) Math.floor(frac * 10 + 1e-9);
        boolean due;
        if (terminal) {
            due = now - lastPrint >= 500_000_000L;
        } else {
            due = tenth > lastTenth || now - lastPrint >= HEARTBEAT_NS;
        }
        lastTenth = Math.max(lastTenth, tenth);
        if (wall < 2 || !due) {
            return;
        }
        lastPrint = now;
        double eta = frac > 0 ? wall * (1 - frac) / frac : 0;
        String line = String.format(Locale.ROOT, "%s: %5.1f%%  simulated %.1f/%.1f s  wall %.1f s  ETA %.0f s",
                label, 100 * frac, simPs / 1e12, endPs / 1e12, wall, eta);
        if (terminal) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        printed = true;
    }

    void done() {
        if (printed && terminal) {
            err.println();
        }
    }
}
