package org.mptcpsim.mptcp;

/**
 * A scheduler's decision: send data sequence {@link #dsn()} on {@link #subflow()}, as a
 * meta-level retransmission if {@link #reinject()} ({@code mptcp_next_segment}'s
 * {@code skb}, {@code *subsk}, {@code *reinject}). The connection owns one instance and hands it
 * to every call, so deciding allocates nothing.
 */
public final class Decision {
    private SubflowView subflow;
    private long dsn;
    private boolean reinject;

    /** Fills the decision and returns it. */
    public Decision send(SubflowView s, long dataSeq, boolean isReinject) {
        this.subflow = s;
        this.dsn = dataSeq;
        this.reinject = isReinject;
        return this;
    }

    public SubflowView subflow() {
        return subflow;
    }

    public long dsn() {
        return dsn;
    }

    /** A segment sent before (a reinjection or a meta-level retransmission). */
    public boolean reinject() {
        return reinject;
    }
}
