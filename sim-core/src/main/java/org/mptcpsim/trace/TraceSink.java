package org.mptcpsim.trace;

/**
 * Observation hooks with primitive arguments. The default is a no-op ({@link #NONE}); a run with
 * tracing off pays only an interface call on rare events (none is called per packet).
 */
public interface TraceSink {
    /** A subflow's retransmission timer fired; {@code backoff} is icsk_backoff after the event. */
    default void onRto(long timePs, int connection, int subflow, int backoff, long rtoUs) {
    }

    /** A subflow entered fast recovery. */
    default void onRecovery(long timePs, int connection, int subflow, int cwnd, int ssthresh) {
    }

    /** A subflow finished its handshake (MP_CAPABLE or MP_JOIN) and can carry data. */
    default void onSubflowEstablished(long timePs, int connection, int subflow) {
    }

    /** A subflow was closed ({@code reason}: a short word such as "removed", "timeout"). */
    default void onSubflowClosed(long timePs, int connection, int subflow, String reason) {
    }

    /** A link direction changed state or rate. */
    default void onLinkEvent(long timePs, int link, String what, long rateBps) {
    }

    /** The tracing sink that records nothing. */
    TraceSink NONE = new TraceSink() {
    };
}
