package org.mptcpsim.tcp;

/**
 * Per-socket constants, derived by the scenario layer from the kernel options.
 *
 * @param mss           payload bytes per segment ({@code mss_cache}; 1448 for TCP at MTU 1500 with
 *                      timestamps, 28 bytes less for MPTCP with the DSS option)
 * @param dataWireBytes bytes on the wire of a full data segment (what queues count)
 * @param ackWireBytes  bytes on the wire of a pure ACK
 * @param synWireBytes  bytes on the wire of a SYN or SYN/ACK
 * @param delayedAck    Linux-like delayed ACKs (every second segment, 40 ms timer, quick-ACK at
 *                      start and around holes); false = an ACK for every segment
 * @param rcvBufBytes   receive buffer (tcp_rmem[2]); the advertised window is half of it minus
 *                      out-of-order data held ({@code tcp_adv_win_scale = 1})
 * @param rtoMinUs      {@code TCP_RTO_MIN} (200 ms)
 * @param rtoInitUs     {@code TCP_TIMEOUT_INIT} (1 s)
 * @param retries2      {@code net.ipv4.tcp_retries2} (15): the write timeout of an established
 *                      socket ({@link WriteTimeout})
 * @param synRetries    {@code net.ipv4.tcp_syn_retries} (6): SYN retransmissions before ETIMEDOUT
 */
public record TcpConfig(int mss, int dataWireBytes, int ackWireBytes, int synWireBytes,
                        boolean delayedAck, long rcvBufBytes, int rtoMinUs, int rtoInitUs, int retries2,
                        int synRetries) {
    /** With the kernel's default {@code tcp_retries2} (15) and {@code tcp_syn_retries} (6). */
    public TcpConfig(int mss, int dataWireBytes, int ackWireBytes, int synWireBytes, boolean delayedAck,
                     long rcvBufBytes, int rtoMinUs, int rtoInitUs) {
        this(mss, dataWireBytes, ackWireBytes, synWireBytes, delayedAck, rcvBufBytes, rtoMinUs, rtoInitUs, 15, 6);
    }

    /** {@code TCP_RTO_MAX}: 120 s. */
    public static final long RTO_MAX_US = 120_000_000L;
    /** {@code TCP_DELACK_MIN} / {@code TCP_ATO_MIN}: 40 ms. */
    public static final long DELACK_US = 40_000L;
    /** {@code TCP_MAX_QUICKACKS}. */
    public static final int MAX_QUICKACKS = 16;

    /** Linux defaults for plain TCP at MTU 1500 with timestamps (IPv4 20 + TCP 20 + TS 12). */
    public static TcpConfig linuxDefaults() {
        return new TcpConfig(1448, 1500, 52, 60, true, 6_291_456L, 200_000, 1_000_000);
    }

    /** The advertised receive window in segments, given out-of-order bytes held. */
    public int windowSegments(long oooBytes) {
        long free = rcvBufBytes / 2 - oooBytes;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, free / mss));
    }
}
