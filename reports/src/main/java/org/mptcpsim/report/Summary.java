package org.mptcpsim.report;

import java.util.List;
import java.util.Map;

/**
 * summary.json as plain data (docs/outputs.md). Missing numbers are {@code NaN} (doubles) or
 * {@code 0} (counts); missing strings are empty. {@code kernel} keeps the file's order.
 */
public record Summary(String scenario, long seed, double durationS, String source,
                      Map<String, String> kernel, List<Connection> connections, List<Link> links,
                      double jain, Engine engine) {

    /** One entry of {@code connections[]}. */
    public record Connection(String id, String type, String cc, String pm, String scheduler,
                             double goodputMbps, long bytesDelivered, List<Subflow> subflows) {
        /** True for {@code type == "mptcp"}. */
        public boolean isMptcp() {
            return "mptcp".equalsIgnoreCase(type);
        }
    }

    /**
     * One entry of {@code connections[].subflows[]}: {@code goodputMbps} is over the subflow's own
     * active time {@code startS}..{@code endS} (NaN when absent: never established, or a file
     * written before these fields existed).
     */
    public record Subflow(int id, List<String> path, double goodputMbps, long retransmits,
                          double srttMeanMs, double srttP99Ms, double cwndMean,
                          long ssthreshReductions, long bytesAcked, double startS, double endS) {
    }

    /** One entry of {@code links[]}. */
    public record Link(String id, double utilization, long drops, double queueMeanPkts) {
    }

    /** The {@code engine} block. */
    public record Engine(long events, long dataPackets, double wallSeconds) {
    }

    /** The connection with {@code id}, or null. */
    public Connection connection(String id) {
        for (Connection c : connections) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
