package org.mptcpsim.study;

/**
 * The metrics compare and sweep compute per run (see {@link Metrics} for the exact formulas),
 * with the direction used for ranking.
 */
public enum Metric {
    /** Sum of goodputMbps of the MPTCP connections (all connections if there is none). */
    GOODPUT("goodput_mbps", "MPTCP goodput", "goodput (Mbit/s)", true),
    /** fairness.jain of summary.json (over all connections, so against competing TCP). */
    JAIN("jain", "Jain fairness", "Jain index", true),
    /** Largest srttP99Ms over the subflows of the MPTCP connections. */
    SRTT_P99("srtt_p99_ms", "srtt p99", "srtt p99 (ms)", false),
    /** Sum of retransmits over the subflows of the MPTCP connections. */
    RETRANSMITS("retransmits", "retransmissions", "retransmitted packets", false),
    /** MPTCP goodput inside the event window, from connections.csv. */
    EVENT_GOODPUT("event_goodput_mbps", "goodput in event window", "goodput in window (Mbit/s)", true);

    private final String column;
    private final String title;
    private final String axisLabel;
    private final boolean higherIsBetter;

    Metric(String column, String title, String axisLabel, boolean higherIsBetter) {
        this.column = column;
        this.title = title;
        this.axisLabel = axisLabel;
        this.higherIsBetter = higherIsBetter;
    }

    /** CSV column name, with the unit. */
    public String column() {
        return column;
    }

    /** Human title. */
    public String title() {
        return title;
    }

    /** Axis label with unit. */
    public String axisLabel() {
        return axisLabel;
    }

    /** Ranking direction: true for goodput and fairness, false for srtt and retransmits. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Parses a CLI name: the enum name or the column, case-insensitive ("goodput", "srtt_p99_ms"). */
    public static Metric parse(String s) {
        for (Metric m : values()) {
            if (m.name().equalsIgnoreCase(s) || m.column.equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + s + "', known: goodput, jain, srtt_p99, "
                + "retransmits, event_goodput");
    }
}
