package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.mptcpsim.core.Time;

/**
 * The completion and latency figures of summary.json (docs/outputs.md, "Transfers"): FCT
 * percentiles overall and per size bucket, slowdown percentiles. Percentiles are nearest-rank:
 * the p-th of n sorted values is the one at rank ceil(p x n).
 */
final class AppStats {
    /** Size buckets: below 100 KB, 100 KB to 1 MB, above 1 MB (decimal units, as in the scenario format). */
    static final long SMALL = 100_000;
    static final long LARGE = 1_000_000;

    private AppStats() {
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Writes {@code count, completed, fctMs{...}, buckets, slowdown{...}} for the transfers into {@code o}. */
    static void put(ObjectNode o, List<AppRun.Transfer> all) {
        List<AppRun.Transfer> done = new ArrayList<>();
        for (AppRun.Transfer t : all) {
            if (t.endPs() >= 0) {
                done.add(t);
            }
        }
        o.put("count", all.size());
        o.put("completed", done.size());
        fct(o.putObject("fctMs"), done);
        ObjectNode b = o.putObject("fctMsBySize");
        fct(b.putObject("lt100KB"), done.stream().filter(t -> t.bytes() < SMALL).toList());
        fct(b.putObject("100KBto1MB"), done.stream().filter(t -> t.bytes() >= SMALL && t.bytes() <= LARGE).toList());
        fct(b.putObject("gt1MB"), done.stream().filter(t -> t.bytes() > LARGE).toList());
        double[] sd = done.stream().mapToDouble(AppRun.Transfer::slowdown).sorted().toArray();
        ObjectNode s = o.putObject("slowdown");
        s.put("n", sd.length);
        putNum(s, "mean", sd.length == 0 ? Double.NaN : Arrays.stream(sd).average().orElse(Double.NaN));
        putNum(s, "p50", percentile(sd, 0.50));
        putNum(s, "p95", percentile(sd, 0.95));
        putNum(s, "p99", percentile(sd, 0.99));
    }

    private static void fct(ObjectNode o, List<AppRun.Transfer> done) {
        double[] v = done.stream().mapToDouble(t -> Time.toSeconds(t.fctPs()) * 1e3).sorted().toArray();
        o.put("n", v.length);
        putNum(o, "mean", v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN));
        putNum(o, "p50", percentile(v, 0.50));
        putNum(o, "p95", percentile(v, 0.95));
        putNum(o, "p99", percentile(v, 0.99));
    }

    static void putNum(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, RunWriter.round(v));
        }
    }
}
