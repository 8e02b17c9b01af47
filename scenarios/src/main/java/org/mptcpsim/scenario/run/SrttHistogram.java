package org.mptcpsim.scenario.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * A subflow's sampled srtt values (whole microseconds, as the kernel keeps {@code srtt_us >> 3})
 * for summary.json's mean and p99: counts per distinct value, so memory follows the spread of
 * srtt, not the length of the run (a list of every 100 ms sample grew with simulated time).
 * The mean is the exact sum over the count; the percentile is the same order statistic as in a
 * sorted list of every sample.
 */
final class SrttHistogram {
    private final TreeMap<Long, long[]> counts = new TreeMap<>();
    private long n;
    private long sumUs;

    void add(long us) {
        counts.computeIfAbsent(us, k -> new long[1])[0]++;
        n++;
        sumUs += us;
    }

    long count() {
        return n;
    }

    double meanMs() {
        return n == 0 ? 0 : (double) sumUs / n / 1000.0;
    }

    /** The sample at sorted index {@code min(n - 1, ceil(q n) - 1)}, in ms; 0 without samples. */
    double percentileMs(double q) {
        if (n == 0) {
            return 0;
        }
        long idx = Math.min(n - 1, (long) Math.ceil(q * n) - 1);
        long seen = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            seen += e.getValue()[0];
            if (seen > idx) {
                return e.getKey() / 1000.0;
            }
        }
        throw new IllegalStateException();
    }
}
