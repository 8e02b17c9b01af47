package org.mptcpsim.mptcp;

import org.mptcpsim.tcp.Subflow;

/**
 * An MPTCP packet scheduler, mirroring the out-of-tree kernel's {@code struct mptcp_sched_ops}
 * ({@code net/mptcp/mptcp_sched.c}). The meta socket calls {@link #nextSegment} at every
 * transmission opportunity (after each ACK, timer or new subflow) until it returns {@code null};
 * each call decides one segment (its data sequence number, recorded with
 * {@link MptcpConnection#decide}) and the subflow to send it on, as {@code mptcp_next_segment}
 * does. Per-connection state lives in the scheduler instance; per-subflow state may be kept in
 * arrays indexed by {@code TcpSock#id}. Single-threaded; must not allocate per call.
 */
public interface PacketScheduler {

    /** The kernel's registered name. */
    String name();

    /**
     * Chooses the next segment and its subflow, or returns {@code null} to send nothing now.
     * Before returning a subflow it must call {@code meta.decide(dsn, reinject)}.
     */
    Subflow nextSegment(MptcpConnection meta);

    /** A subflow was added to the connection. */
    default void onSubflowAdded(MptcpConnection meta, Subflow s) {
    }

    /** A subflow was removed from the connection. */
    default void onSubflowRemoved(MptcpConnection meta, Subflow s) {
    }
}
