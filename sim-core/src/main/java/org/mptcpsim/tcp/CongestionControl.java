package org.mptcpsim.tcp;

/**
 * A TCP congestion control, mirroring the kernel's {@code struct tcp_congestion_ops}
 * (include/net/tcp.h) one callback to one method.
 *
 * <p>One instance exists per socket (subflow), like the kernel's per-socket CA private area
 * ({@code inet_csk_ca(sk)}): implementations keep their per-subflow state in their own fields.
 * Per-connection state of a coupled CC lives in the connection's shared area
 * ({@link MptcpCb#caShared}), as the out-of-tree kernel keeps it in the meta socket.
 *
 * <p>Hook order ({@code struct tcp_congestion_ops} as {@code tcp_input.c} and {@code tcp_timer.c}
 * call them), all called by the subflow engine on the single simulation
 * thread:
 * <ul>
 *   <li>{@link #init} once, when the subflow reaches ESTABLISHED (after the handshake);</li>
 *   <li>per ACK, as {@code tcp_ack} does: SACK processing, then cleaning of the retransmit
 *       queue ending with {@link #pktsAcked}; then loss/recovery processing
 *       ({@code tcp_fastretrans_alert}, which may call {@link #ssthresh} and {@link #setState});
 *       then, if the CA state is not CWR/Recovery and the ACK acknowledged new data,
 *       {@link #congAvoid} ({@code tcp_cong_control});</li>
 *   <li>on RTO: {@link #ssthresh} with the pre-RTO cwnd, then {@link #cwndEvent}
 *       ({@link CaEvent#LOSS}), then cwnd = in-flight + 1, then {@link #setState}
 *       ({@link CaState#LOSS});</li>
 *   <li>{@link #setState} is always called <em>before</em> {@link TcpSock#caState} changes.</li>
 * </ul>
 * Units are the kernel's: cwnd and ssthresh in packets, {@link TcpSock#srttUs} is 8 x the
 * smoothed RTT in microseconds.
 */
public interface CongestionControl {

    /** The kernel's registered name, e.g. {@code "reno"}, {@code "lia"}. */
    String name();

    /** {@code init}: the subflow became ESTABLISHED. Optional. */
    default void init(TcpSock sk) {
    }

    /** {@code release}: the subflow is destroyed. Optional. */
    default void release(TcpSock sk) {
    }

    /** {@code ssthresh}: the new slow-start threshold after a loss (required). */
    int ssthresh(TcpSock sk);

    /**
     * {@code cong_avoid}: grow cwnd (required).
     *
     * @param ack   the cumulative ACK of this ACK, a u32 byte sequence number
     * @param acked packets newly acknowledged or SACKed by this ACK
     */
    void congAvoid(TcpSock sk, int ack, int acked);

    /** {@code set_state}: called before {@link TcpSock#caState} becomes {@code newState}. */
    default void setState(TcpSock sk, int newState) {
    }

    /** {@code cwnd_event}: one of the {@link CaEvent} constants. */
    default void cwndEvent(TcpSock sk, int event) {
    }

    /**
     * {@code pkts_acked}: end of retransmit-queue cleaning for one ACK.
     *
     * @param pktsAcked packets newly acknowledged (cumulatively) by this ACK
     * @param rttUs     RTT sample in microseconds of the most recently sent newly (S)ACKed,
     *                  never retransmitted packet; negative when there is no valid sample (Karn)
     */
    default void pktsAcked(TcpSock sk, int pktsAcked, long rttUs) {
    }

    /** {@code undo_cwnd}: cwnd to restore when a reduction proves spurious (Reno's by default). */
    default int undoCwnd(TcpSock sk) {
        return Math.max(sk.sndCwnd, sk.priorCwnd);
    }
}
