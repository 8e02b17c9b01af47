package org.mptcpsim.report;

import java.util.List;
import java.util.Map;

/**
 * summary.json as plain data (docs/outputs.md). Missing numbers are {@code NaN} (doubles) or
 * {@code 0} (counts); missing strings are empty. {@code kernel} keeps the file's order, each value
 * as text (a number as written, a boolean as true/false, an array's items joined by spaces).
 */
public record Summary(String scenario, long seed, double durationS, String source,
                      Map<String, String> kernel, List<Connection> connections, List<Link> links,
                      double jain, Engine engine, Map<String, String> overrides) {

    /** This summary with the wall time of engine.json. */
    public Summary withWallSeconds(double wallSeconds) {
        return new Summary(scenario, seed, durationS, source, kernel, connections, links, jain,
                new Engine(engine.events(), engine.dataPackets(), wallSeconds), overrides);
    }

    /** One entry of {@code connections[]}. */
    public record Connection(String id, String type, String cc, String pm, String scheduler,
                             double goodputMbps, long bytesDelivered, List<Subflow> subflows) {
        /** True for {@code type == "mptcp"}. */
        public boolean isMptcp() {
            return "mptcp".equalsIgnoreCase(type);
        }
    }

    /** One entry of {@code connections[].subflows[]}. */
    public record Subflow(int id, List<String> path, double goodputMbps, long retransmits,
                          double srttMeanMs, double srttP99Ms, double cwndMean,
                          long ssthreshReductions, long bytesAcked, double startS, double endS,
                          long bytesDelivered) {
    }

    /** One entry of {@code links[]}. */
    public record Link(String id, double utilization, long drops, double queueMeanPkts, long bufferPkts) {
        /** {@code bufferPkts} when the summary does not give it (a byte-limited or older run). */
        public static final long NO_LIMIT = -1;
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
