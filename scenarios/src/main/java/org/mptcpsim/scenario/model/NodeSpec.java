package org.mptcpsim.scenario.model;

/** A node of the topology: an end host (runs TCP/MPTCP) or a switch/router (forwards only). */
public record NodeSpec(String id, Type type, Loc loc) {

    public enum Type { HOST, SWITCH }

    public boolean isHost() {
        return type == Type.HOST;
    }
}
