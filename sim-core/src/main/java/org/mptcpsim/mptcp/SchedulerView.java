package org.mptcpsim.mptcp;

/**
 * What a {@link PacketScheduler} may read of the meta socket: the data sequence space, the
 * reinjection queue, the connection-level window, the path masks and the subflows in the
 * kernel's iteration order ({@code mptcp_for_each_sub}: newest first). Data sequence numbers
 * count segments. The one write is {@link #clearPathMask}, as {@code get_available_subflow}
 * does ({@code net/mptcp/mptcp_sched.c}).
 */
public interface SchedulerView {

    /** Subflows attached now. */
    int subflowCount();

    /** The subflow at position {@code i} of the kernel's iteration order (0 = newest). */
    SubflowView subflowAt(int i);

    /** The head of the reinjection queue ({@code mpcb->reinject_queue}), or -1. */
    long reinjectHead();

    /** The next new data segment ({@code tcp_send_head}), or -1 when the application has no more. */
    long sendHead();

    /** The next new data sequence number: every segment below it was sent at least once. */
    long sndNxt();

    /** The oldest data sequence number not yet DATA_ACKed. */
    long dataUna();

    /** The peer's connection-level receive window in segments ({@code meta_tp->snd_wnd / mss}). */
    int peerWindow();

    /** Whether the connection-level window admits data sequence {@code dsn} ({@code tcp_snd_wnd_test}). */
    boolean sendWindowAllows(long dsn);

    /** Whether a DATA_ACK has been received ({@code mpcb->pm_ops->fully_established}). */
    boolean fullyEstablished();

    /** The segment's {@code path_mask}: {@link SubflowView#bit()} of each subflow that carried it. */
    long pathMask(long dsn);

    /** Clears a segment's path mask ({@code TCP_SKB_CB(skb)->path_mask = 0}). */
    void clearPathMask(long dsn);
}
