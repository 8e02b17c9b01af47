package org.mptcpsim.tcp;

/**
 * When TCP gives up on a socket that keeps timing out ({@code tcp_write_timeout},
 * {@code net/ipv4/tcp_timer.c}), which the subflow engine applies at every RTO under every path
 * manager (and to plain TCP), as Linux does:
 *
 * <ul>
 * <li>established: {@code retransmits_timed_out(sk, tcp_retries2, 0)}: at an RTO, when at least
 * one retransmission was made and {@code now - retrans_stamp >= tcp_model_timeout(tcp_retries2,
 * TCP_RTO_MIN)}. {@code retrans_stamp} is the time of the first retransmission of the series
 * (set by {@code tcp_retransmit_skb} from the retransmitted skb's new timestamp when it was 0;
 * cleared when new data is acknowledged). With {@code tcp_retries2 = 15}: 924.6 s
 * ({@link #modelTimeoutMs}).</li>
 * <li>SYN_SENT: {@code icsk_retransmits >= tcp_syn_retries} (6: the 7th RTO of the SYN, 1 + 2 +
 * ... + 64 = 127 s after the first SYN with the 1 s initial RTO).</li>
 * </ul>
 * The socket then fails with ETIMEDOUT ({@code tcp_write_err}); an MPTCP subflow is closed and its
 * data reinjected, and the path manager hears of it ({@code PathManager.onSubflowClosed}, timeout).
 */
public final class WriteTimeout {
    /** {@code TCP_RTO_MAX}, ms. */
    static final long RTO_MAX_MS = TcpConfig.RTO_MAX_US / 1000;

    private WriteTimeout() {
    }

    /**
     * {@code tcp_model_timeout(sk, boundary, rto_base)}: the time exponential backoff from
     * {@code rtoBaseMs}, capped at {@code TCP_RTO_MAX}, takes for {@code boundary} retransmissions:
     * {@code thresh = ilog2(TCP_RTO_MAX / rto_base)}; {@code ((2 << boundary) - 1) * rto_base} up to
     * it, then {@code ((2 << thresh) - 1) * rto_base + (boundary - thresh) * TCP_RTO_MAX}.
     * tcp_retries2 = 15, rto_base = TCP_RTO_MIN = 200 ms: thresh = ilog2(600) = 9, so
     * (2^10 - 1) x 200 ms + (15 - 9) x 120 s = 204.6 s + 720 s = 924.6 s.
     */
    public static long modelTimeoutMs(int boundary, long rtoBaseMs) {
        int thresh = 63 - Long.numberOfLeadingZeros(RTO_MAX_MS / rtoBaseMs); // ilog2
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * rtoBaseMs;
        }
        return ((2L << thresh) - 1) * rtoBaseMs + (boundary - thresh) * RTO_MAX_MS;
    }
}
