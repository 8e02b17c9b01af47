package org.mptcpsim.scenario.pm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/** Helpers for the path-manager scenario tests: example files and time series of a run. */
final class PmScenarioSupport {
    private PmScenarioSupport() {
    }

    static Path example(String name) {
        return Sim.examples().resolve(name);
    }

    /** Goodput (in-order bytes delivered, Mbit/s) of a connection between two sample times (s). */
    static double goodput(RunResult r, String conn, double fromS, double toS) {
        long a = -1;
        long b = -1;
        for (String[] row : Sim.csv(r, "connections.csv")) {
            if (!row[1].equals(conn)) {
                continue;
            }
            double t = Double.parseDouble(row[0]);
            if (Math.abs(t - fromS) < 1e-6) {
                a = Long.parseLong(row[2]);
            }
            if (Math.abs(t - toS) < 1e-6) {
                b = Long.parseLong(row[2]);
            }
        }
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("no samples at " + fromS + " / " + toS);
        }
        return (b - a) * 8 / ((toS - fromS) * 1e6);
    }

    /** Cumulative bytes acknowledged on one subflow at a sample time (s). */
    static long subflowAcked(RunResult r, String conn, int subflow, double atS) {
        List<String[]> rows = new ArrayList<>(Sim.csv(r, "subflows.csv"));
        for (String[] row : rows) {
            if (row[1].equals(conn) && Integer.parseInt(row[2]) == subflow
                    && Math.abs(Double.parseDouble(row[0]) - atS) < 1e-6) {
                return Long.parseLong(row[6]);
            }
        }
        return 0; // not created yet
    }
}
