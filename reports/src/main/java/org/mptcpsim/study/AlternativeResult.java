package org.mptcpsim.study;

import java.util.List;

/**
 * One alternative's outcome: its rank (1 = best by the ranking metric), the per-metric
 * estimates over seeds (parallel to {@link CompareResult#metrics()}), the seeds and the per-run
 * values ({@code runValues.get(seedIndex)[metricIndex]}).
 */
public record AlternativeResult(int rank, Alternative alternative, List<Estimate> estimates,
                                List<Long> seeds, List<double[]> runValues) {

    /** The estimate of {@code metric}, which must be one of {@code metrics}. */
    public Estimate estimate(List<Metric> metrics, Metric metric) {
        int i = metrics.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("metric " + metric + " was not computed");
        }
        return estimates.get(i);
    }
}
