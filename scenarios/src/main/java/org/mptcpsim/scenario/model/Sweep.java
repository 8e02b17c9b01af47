package org.mptcpsim.scenario.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A parameter grid: the cartesian product of its axes. Points come in a fixed order: the first
 * axis varies slowest, the last fastest. Each point is a map of {@code --set} key to value, in
 * axis order. An empty sweep has no axes and no points.
 */
public record Sweep(List<SweepAxis> axes) {

    public static final Sweep NONE = new Sweep(List.of());
    /**
     * The largest grid: 1 000 000 points (docs/scenario-format.md, "Limits"). Each point is a scenario bound before
     * any runs and a row of sweep.csv; 7.9 million points filled a 1 GB heap before the first one ran.
     */
    public static final long MAX_POINTS = 1_000_000;

    public Sweep {
        axes = List.copyOf(axes);
    }

    public boolean isEmpty() {
        return axes.isEmpty();
    }

    /** The number of points: the product of the axes' sizes (0 without axes), {@link Long#MAX_VALUE} if larger. */
    public long size() {
        if (axes.isEmpty()) {
            return 0;
        }
        long n = 1;
        for (SweepAxis a : axes) {
            int v = a.values().size();
            n = n > Long.MAX_VALUE / Math.max(1, v) ? Long.MAX_VALUE : n * v;
        }
        return n;
    }

    /** All points of the grid in deterministic order (first axis slowest). */
    public List<LinkedHashMap<String, String>> points() {
        List<LinkedHashMap<String, String>> out = new ArrayList<>();
        if (axes.isEmpty()) {
            return out;
        }
        out.add(new LinkedHashMap<>());
        for (SweepAxis axis : axes) {
            List<LinkedHashMap<String, String>> next = new ArrayList<>();
            for (LinkedHashMap<String, String> prefix : out) {
                for (String v : axis.values()) {
                    LinkedHashMap<String, String> p = new LinkedHashMap<>(prefix);
                    p.put(axis.key(), v);
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }
}
