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
                      double jain, Engine engine, Map<String, String> overrides, Transfers transfers) {

    /** A summary without transfers or streams. */
    public Summary(String scenario, long seed, double durationS, String source, Map<String, String> kernel,
                   List<Connection> connections, List<Link> links, double jain, Engine engine,
                   Map<String, String> overrides) {
        this(scenario, seed, durationS, source, kernel, connections, links, jain, engine, overrides, Transfers.NONE);
    }

    /** This summary with the wall time of engine.json. */
    public Summary withWallSeconds(double wallSeconds) {
        return new Summary(scenario, seed, durationS, source, kernel, connections, links, jain,
                new Engine(engine.events(), engine.dataPackets(), wallSeconds), overrides, transfers);
    }

    /**
     * The top-level {@code transfers} block (FCT percentiles in ms, slowdown percentiles; NaN
     * without completed transfers) and the streams' stalls summed over connections (docs/outputs.md).
     */
    public record Transfers(long count, long completed, double fctP50Ms, double fctP95Ms, double fctP99Ms,
                            double slowdownP50, double slowdownP99, long stalls, double stallTimeS,
                            boolean hasStreams) {
        public static final Transfers NONE = new Transfers(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, false);
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
