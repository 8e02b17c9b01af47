package org.mptcpsim.cli;

import java.util.Locale;

import org.mptcpsim.scenario.run.ScenarioRunner;

/** A progress line on stderr for runs longer than about two seconds of wall time. */
final class Progress implements ScenarioRunner.Progress {
    private final String label;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean printed;

    Progress(String label) {
        this.label = label;
    }

    @Override
    public void update(long simPs, long endPs) {
        long now = System.nanoTime();
        double wall = (now - start) / 1e9;
        if (wall < 2 || now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double frac = simPs / (double) endPs;
        double eta = frac > 0 ? wall * (1 - frac) / frac : 0;
        String line = String.format(Locale.ROOT, "%s: %5.1f%%  simulated %.1f/%.1f s  wall %.1f s  ETA %.0f s",
                label, 100 * frac, simPs / 1e12, endPs / 1e12, wall, eta);
        if (System.console() != null) {
            System.err.print("\r" + line);
        } else {
            System.err.println(line);
        }
        printed = true;
    }

    void done() {
        if (printed && System.console() != null) {
            System.err.println();
        }
    }
}
