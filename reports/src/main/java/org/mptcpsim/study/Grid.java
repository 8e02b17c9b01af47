package org.mptcpsim.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the ordered point list of a {@link SweepRunner} from per-key value lists. */
public final class Grid {
    private Grid() {
    }

    /**
     * The cartesian product of {@code axes} (key to values, in the map's order). The last key
     * varies fastest, like nested loops written in key order; e.g. {cc: [lia, olia], rate: [5, 10]}
     * gives (lia,5), (lia,10), (olia,5), (olia,10). An empty map gives one empty point.
     */
    public static List<LinkedHashMap<String, String>> cartesian(LinkedHashMap<String, List<String>> axes) {
        List<LinkedHashMap<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            if (axis.getValue().isEmpty()) {
                throw new IllegalArgumentException("sweep axis '" + axis.getKey() + "' has no values");
            }
            List<LinkedHashMap<String, String>> next = new ArrayList<>();
            for (LinkedHashMap<String, String> p : points) {
                for (String v : axis.getValue()) {
                    LinkedHashMap<String, String> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }
}
