package org.mptcpsim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Identifies one subflow of one connection, as in subflows.csv. */
public record SubflowKey(String connection, int subflow) {

    /**
     * Groups samples per subflow, keeping the order of first appearance (subflows.csv is ordered
     * by time, connection order in the scenario, subflow id, so this order is deterministic).
     */
    public static Map<SubflowKey, List<SubflowSample>> group(List<SubflowSample> samples) {
        Map<SubflowKey, List<SubflowSample>> out = new LinkedHashMap<>();
        for (SubflowSample s : samples) {
            out.computeIfAbsent(new SubflowKey(s.connection(), s.subflow()), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /**
     * The legend label, e.g. {@code "m1 sf0 (wifi)"}; the path (link ids joined by {@code "/"})
     * comes from summary.json and is left out when the summary does not know the subflow.
     */
    public String label(Summary summary) {
        String base = connection + " sf" + subflow;
        Summary.Connection c = summary.connection(connection);
        if (c != null) {
            for (Summary.Subflow sf : c.subflows()) {
                if (sf.id() == subflow && !sf.path().isEmpty()) {
                    return base + " (" + String.join("/", sf.path()) + ")";
                }
            }
        }
        return base;
    }
}
