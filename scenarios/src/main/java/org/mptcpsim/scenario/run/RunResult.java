package org.mptcpsim.scenario.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced: its directory and the headline numbers of {@code summary.json}.
 *
 * @param dir          the run directory
 * @param connections  per connection, in scenario order
 * @param links        per link direction, in scenario order
 * @param jain         Jain's fairness index over connection goodputs
 * @param events       events executed
 * @param dataPackets  data segments sent
 * @param wallSeconds  wall-clock time of the simulation
 */
public record RunResult(Path dir, List<Connection> connections, List<LinkStats> links, double jain,
                        long events, long dataPackets, double wallSeconds) {

    /** A connection's results. */
    public record Connection(String id, String type, String cc, double goodputMbps, long bytesDelivered,
                             List<SubflowStats> subflows) {
    }

    /**
     * A subflow's results. {@code goodputMbps} = {@code bytesAcked} x 8 / ({@code endS} - {@code startS}):
     * over the subflow's own active time, from its handshake to its close (or the connection's
     * completion, or the end of the run); {@code startS}/{@code endS} are NaN for a subflow that never
     * completed its handshake (goodput 0).
     */
    public record SubflowStats(int id, List<String> path, double goodputMbps, long retransmits,
                               double srttMeanMs, double srttP99Ms, double cwndMean, long ssthreshReductions,
                               long bytesAcked, double startS, double endS) {
    }

    /** A link direction's results. */
    public record LinkStats(String id, double utilization, long drops, double queueMeanPkts) {
    }

    /** The connection with this id. */
    public Connection connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no connection " + id));
    }

    /** The link direction with this id. */
    public LinkStats link(String id) {
        return links.stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no link " + id));
    }
}
