package org.mptcpsim.mptcp;

/** An MPTCP packet scheduler ({@code struct mptcp_sched_ops}). Methods are added with the engine. */
public interface PacketScheduler {
    /** The kernel's registered name. */
    String name();
}
