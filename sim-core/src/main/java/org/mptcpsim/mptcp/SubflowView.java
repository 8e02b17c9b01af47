package org.mptcpsim.mptcp;

/**
 * What a {@link PacketScheduler} may read of one subflow: the fields the kernel's schedulers read
 * of a subflow's {@code struct tcp_sock} ({@code net/mptcp/mptcp_sched.c}, {@code mptcp_blest.c},
 * {@code mptcp_rr.c}, {@code net/mptcp/protocol.c mptcp_subflow_get_send}). One instance per
 * subflow, made when the subflow joins, so reading it allocates nothing.
 *
 * <p>The one write is {@link #penalise()}, the receive-buffer optimisation's cwnd halving
 * ({@code mptcp_rcv_buf_optimization}), which the kernel's default scheduler applies to a slower
 * subflow.
 */
public interface SubflowView {

    /** {@code TcpSock#id}: the index of per-subflow scheduler state. */
    int id();

    /** The subflow's bit in a segment's {@code path_mask} (ids above 62 share the last bit). */
    long bit();

    /** {@code tp->mptcp->low_prio} or the peer's: a backup subflow. */
    boolean isBackup();

    /** {@code tp->pf}: potentially failed since its last RTO. */
    boolean potentiallyFailed();

    /** Established and not closed ({@code mptcp_sk_can_send}). */
    boolean canSend();

    /** {@code mptcp_is_def_unavailable}: cannot send, or potentially failed. */
    default boolean defUnavailable() {
        return !canSend() || potentiallyFailed();
    }

    /**
     * {@code mptcp_is_temp_unavailable(sk, skb, zero_wnd_test)} for data sequence {@code dsn}: in
     * Loss; out-of-order data before the connection is fully established; (if {@code cwndTest})
     * no congestion-window room; no room in the subflow's receive window (which stands for
     * {@code tcp_snd_wnd_test}). The simulator has no per-subflow send queue
     * ({@code write_seq == snd_nxt}), so the "queued bytes fill the cwnd" test never triggers.
     */
    boolean tempUnavailable(long dsn, boolean cwndTest);

    /** {@link #tempUnavailable(long, boolean)} with the cwnd test, as the default scheduler uses it. */
    default boolean tempUnavailable(long dsn) {
        return tempUnavailable(dsn, true);
    }

    /** {@code tp->srtt_us}: smoothed RTT in units of 1/8 µs, a u32 (0 before the first sample). */
    int srttUs();

    /** {@code tp->snd_cwnd}, segments. */
    int cwnd();

    /** {@code tp->snd_ssthresh}, segments. */
    int ssthresh();

    /** {@code tcp_packets_in_flight}, segments. */
    int packetsInFlight();

    /** Whether {@code packetsInFlight() < cwnd()}. */
    default boolean cwndRoom() {
        return packetsInFlight() < cwnd();
    }

    /** {@code inet_csk(sk)->icsk_ca_state} ({@link org.mptcpsim.tcp.CaState}). */
    int caState();

    /** {@code sk->sk_pacing_rate}, bytes per second; 0 before the first RTT sample. */
    long pacingRate();

    /** {@code sk->sk_wmem_queued}: bytes queued on the subflow (its bytes in flight here). */
    long queuedBytes();

    /** {@code tp->mss_cache}; 0 before the handshake. */
    int mssCache();

    /** The configured MSS ({@code TcpConfig#mss}). */
    int mss();

    /** Segments sent and not yet acknowledged on the subflow. */
    int unackedCount();

    /** The subflow's clock in jiffies, a u32 ({@code tcp_jiffies32}). */
    int jiffies32();

    /**
     * {@code mptcp_rcv_buf_optimization}'s penalisation: halve the cwnd (at least 1) and, if the
     * cwnd was at or above ssthresh, halve ssthresh (at least 2).
     */
    void penalise();
}
