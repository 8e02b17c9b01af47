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
    EVENT_GOODPUT("event_goodput_mbps", "goodput in event window", "goodput in window (Mbit/s)", true),
    /** transfers.fctMs.p50 of summary.json: median completion time of every transfer and request. */
    FCT_P50("fct_p50_ms", "FCT p50", "flow completion time p50 (ms)", false),
    /** transfers.fctMs.p99 of summary.json. */
    FCT_P99("fct_p99_ms", "FCT p99", "flow completion time p99 (ms)", false),
    /** transfers.slowdown.p99 of summary.json: FCT over the ideal FCT on an empty path. */
    SLOWDOWN_P99("slowdown_p99", "slowdown p99", "slowdown p99 (FCT / ideal)", false),
    /** Stream stalls summed over the stream connections. */
    STALLS("stalls", "stream stalls", "stalls", false),
    /** Stream stall time summed over the stream connections. */
    STALL_TIME("stall_time_s", "stall time", "stall time (s)", false);

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
                + "retransmits, event_goodput, fct_p50, fct_p99, slowdown_p99, stalls, stall_time");
    }
}
