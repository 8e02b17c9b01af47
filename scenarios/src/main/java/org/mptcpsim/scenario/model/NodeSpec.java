package org.mptcpsim.scenario.model;

/**
 * A node of the topology: an end host (runs TCP/MPTCP) or a switch/router (forwards only). A host
 * forwards other hosts' packets only with {@code forwarding: true} (Linux's {@code ip_forward=1},
 * a host that is also a router); by default it does not ({@code ip_forward=0}).
 */
public record NodeSpec(String id, Type type, boolean forwarding, Loc loc) {

    public enum Type { HOST, SWITCH }

    public NodeSpec(String id, Type type, Loc loc) {
        this(id, type, false, loc);
    }

    public boolean isHost() {
        return type == Type.HOST;
    }

    /** Whether routes may pass through this node: a switch, or a host with forwarding on. */
    public boolean forwards() {
        return type == Type.SWITCH || forwarding;
    }
}
