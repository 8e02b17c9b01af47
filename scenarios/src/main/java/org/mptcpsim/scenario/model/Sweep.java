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

    public Sweep {
        axes = List.copyOf(axes);
    }

    public boolean isEmpty() {
        return axes.isEmpty();
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
