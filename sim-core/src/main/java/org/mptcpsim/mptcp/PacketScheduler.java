package org.mptcpsim.mptcp;

/**
 * An MPTCP packet scheduler, mirroring the out-of-tree kernel's {@code struct mptcp_sched_ops}
 * ({@code net/mptcp/mptcp_sched.c}). The meta socket calls {@link #nextSegment} at every
 * transmission opportunity (after each ACK, timer or new subflow) until it returns {@code null};
 * each call decides one segment and the subflow to send it on, as {@code mptcp_next_segment}
 * does. Per-connection state lives in the scheduler instance; per-subflow state may be kept in
 * arrays indexed by {@link SubflowView#id()}. Single-threaded; must not allocate per call.
 */
public interface PacketScheduler {

    /** The kernel's registered name. */
    String name();

    /**
     * Chooses the next segment and its subflow: fills {@code out} with
     * {@link Decision#send} and returns it, or returns {@code null} to send nothing now.
     */
    Decision nextSegment(SchedulerView meta, Decision out);

    /** A subflow was added to the connection. */
    default void onSubflowAdded(SchedulerView meta, SubflowView s) {
    }

    /** A subflow was removed from the connection. */
    default void onSubflowRemoved(SchedulerView meta, SubflowView s) {
    }
}
