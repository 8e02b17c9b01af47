package org.mptcpsim.report;

/**
 * One row of events.csv (docs/outputs.md). {@code subflow} is -1 and {@code connection} empty
 * for link events; {@code link} and {@code direction} are empty for subflow events.
 */
public record RunEvent(double timeS, String connection, int subflow, String event, String link, String direction) {
    /** True for link_down, link_up and link_rate. */
    public boolean isLink() {
        return event.startsWith("link_");
    }
}
