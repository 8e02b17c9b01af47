package org.mptcpsim.study;

import java.util.List;

/** The ranked outcome of {@link Compare#run()}: best first. */
public record CompareResult(List<Metric> metrics, Metric rankBy, List<AlternativeResult> ranked) {

    /** The estimate of {@code metric} for the alternative named {@code name}. */
    public Estimate estimate(String name, Metric metric) {
        for (AlternativeResult r : ranked) {
            if (r.alternative().name().equals(name)) {
                return r.estimate(metrics, metric);
            }
        }
        throw new IllegalArgumentException("no alternative named " + name);
    }
}
