package org.mptcpsim.scenario.model;

import java.util.List;
import org.mptcpsim.net.Link.Qdisc;

/**
 * A full-duplex link between two nodes. {@code forward} is the {@code from -> to} direction,
 * {@code reverse} the {@code to -> from} direction (equal to forward unless overridden).
 * {@code rttPs} is the RTT that BDP buffers refer to, or {@code null} when not given (then the
 * runner derives it; see docs/scenario-format.md). {@code schedule} is sorted by time (stable).
 * {@code qdisc} says how both directions account their buffer limit.
 */
public record LinkSpec(String id, String from, String to, DirectionSpec forward, DirectionSpec reverse,
                       Long rttPs, List<LinkEvent> schedule, Qdisc qdisc, Loc loc) {

    public LinkSpec {
        schedule = List.copyOf(schedule);
        java.util.Objects.requireNonNull(qdisc, "qdisc");
    }

    /** A drop-tail link (the default qdisc). */
    public LinkSpec(String id, String from, String to, DirectionSpec forward, DirectionSpec reverse,
                    Long rttPs, List<LinkEvent> schedule, Loc loc) {
        this(id, from, to, forward, reverse, rttPs, schedule, Qdisc.DROPTAIL, loc);
    }

    /** The node at the other end, or {@code null} when {@code node} is not an endpoint. */
    public String peer(String node) {
        return node.equals(from) ? to : node.equals(to) ? from : null;
    }

    /** {@code true} when {@code node} is one of the two endpoints. */
    public boolean touches(String node) {
        return from.equals(node) || to.equals(node);
    }
}
