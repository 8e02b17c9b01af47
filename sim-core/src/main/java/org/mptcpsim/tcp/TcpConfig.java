package org.mptcpsim.tcp;

import org.mptcpsim.core.Flavour;

/**
 * Per-socket constants, derived by the scenario layer from the kernel options ({@link #builder()}),
 * and the home of the kernel's TCP constants and defaults.
 *
 * @param mss           payload bytes per segment ({@code mss_cache}; 1448 for TCP at MTU 1500 with
 *                      timestamps, 28 bytes less for MPTCP with the DSS option)
 * @param dataWireBytes bytes on the wire of a full data segment (what queues count)
 * @param ackWireBytes  bytes on the wire of a pure ACK
 * @param synWireBytes  bytes on the wire of a SYN or SYN/ACK
 * @param delayedAck    Linux-like delayed ACKs (every second segment, 40 ms timer, quick-ACK at
 *                      start and around holes); false = an ACK for every segment
 * @param rcvBufBytes   the largest receive buffer ({@code tcp_rmem[2]}) autotuning may reach
 * @param rcvBufInitBytes the initial receive buffer ({@code tcp_rmem[1]}, at most tcp_rmem[2]);
 *                      {@link RcvBuffer} derives the window from the buffer ({@code tcp_adv_win_scale = 1})
 * @param moderateRcvbuf {@code net.ipv4.tcp_moderate_rcvbuf}: the buffer grows once per receiver RTT
 * @param rtoMinUs      {@code TCP_RTO_MIN} (200 ms, {@link #RTO_MIN_US})
 * @param rtoInitUs     {@code TCP_TIMEOUT_INIT} (1 s, {@link #TIMEOUT_INIT_US})
 * @param retries2      {@code net.ipv4.tcp_retries2} (15): the write timeout of an established
 *                      socket ({@link WriteTimeout})
 * @param synRetries    {@code net.ipv4.tcp_syn_retries} (6): SYN retransmissions before ETIMEDOUT
 * @param flavour       the kernel modelled (out-of-tree 4.19-based by default): its
 *                      {@code tcp_is_cwnd_limited} rule
 * @param tsqResumeUs   {@code sim.tsq_resume_us}: TCP Small Queues modelled with this host resume delay
 *                      ({@link SmallQueues}); 0 = not modelled
 */
public record TcpConfig(int mss, int dataWireBytes, int ackWireBytes, int synWireBytes,
                        boolean delayedAck, long rcvBufBytes, long rcvBufInitBytes, boolean moderateRcvbuf, int rtoMinUs, int rtoInitUs, int retries2,
                        int synRetries, Flavour flavour, int tsqResumeUs) {
    // ---- the kernel's constants and defaults: their one home (include/net/tcp.h, sysctl defaults) ----
    /** {@code TCP_RTO_MIN}: 200 ms. */
    public static final int RTO_MIN_US = 200_000;
    /** {@code TCP_TIMEOUT_INIT}: 1 s, the RTO before the first RTT sample. */
    public static final int TIMEOUT_INIT_US = 1_000_000;
    /** {@code TCP_TIMEOUT_FALLBACK}: 3 s (RFC 6298 section 5.7), {@code tcp_init_metrics} without any RTT sample. */
    public static final int TIMEOUT_FALLBACK_US = 3_000_000;
    /** {@code TCP_RTO_MAX}: 120 s. */
    public static final long RTO_MAX_US = 120_000_000L;
    /** {@code TCP_DELACK_MIN} / {@code TCP_ATO_MIN}: 40 ms. */
    public static final long DELACK_US = 40_000L;
    /** {@code TCP_MAX_QUICKACKS}. */
    public static final int MAX_QUICKACKS = 16;
    /** {@code net.ipv4.tcp_retries2} default. */
    public static final int RETRIES2 = 15;
    /** {@code net.ipv4.tcp_syn_retries} default. */
    public static final int SYN_RETRIES = 6;
    /** {@code net.ipv4.tcp_rmem[2]} default: 6 MiB. */
    public static final long RMEM_MAX = 6_291_456L;
    /** {@code net.ipv4.tcp_rmem[1]} default of 4.19 and 6.x ({@code 131072}; 87380 before 4.20 upstream). */
    public static final long RMEM_DEFAULT = 131_072L;
    /** IPv4 20 + TCP 20 + timestamps 12 bytes. */
    public static final int HEADER_BYTES = 52;
    /**
     * The DSS option on an out-of-tree MPTCP data segment: {@code MPTCP_SUB_LEN_DSM_ALIGN} = DSS header 4 +
     * 32-bit data ACK 4 + 32-bit mapping with the checksum's room 12 (v0.95 {@code include/net/mptcp.h}), the
     * 1428-byte payload ({@code ss} mss) the out-of-tree kernel's subflows carry in ../kernel-refs/oot-v0.95.2.
     */
    public static final int DSS_BYTES = 20;
    /** MPTCP option bytes on a pure ACK (DSS DATA_ACK) and on a SYN (MP_CAPABLE/MP_JOIN). */
    public static final int MPTCP_ACK_OPTION_BYTES = 12;

    /** Linux defaults for plain TCP at MTU 1500 with timestamps (IPv4 20 + TCP 20 + TS 12). */
    public static TcpConfig linuxDefaults() {
        return builder().build();
    }

    /** A builder holding the kernel's defaults: plain TCP, MTU 1500, no L2 overhead, delayed ACKs. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TcpConfig}; every field starts at the kernel's default. Not thread-safe. */
    public static final class Builder {
        private int mtu = 1500;
        private int headerBytes = HEADER_BYTES;
        private int l2Bytes;
        private boolean mptcp;
        private int dssBytes = DSS_BYTES;
        private boolean delayedAck = true;
        private long rcvBufBytes = RMEM_MAX;
        private long rcvBufInitBytes = RMEM_DEFAULT;
        private boolean moderateRcvbuf = true;
        private int rtoMinUs = RTO_MIN_US;
        private int rtoInitUs = TIMEOUT_INIT_US;
        private int retries2 = RETRIES2;
        private int synRetries = SYN_RETRIES;
        private Flavour flavour = Flavour.MPTCP_V095;
        private int tsqResumeUs;

        private Builder() {
        }

        /** An MPTCP subflow: the DSS option on data, the DATA_ACK on ACKs, MP_CAPABLE/MP_JOIN on SYNs. */
        public Builder mptcp(boolean on) {
            this.mptcp = on;
            return this;
        }

        /** IP MTU, per-segment IP+TCP header bytes, link-layer overhead counted on the wire. */
        public Builder framing(int mtuBytes, int header, int l2) {
            this.mtu = mtuBytes;
            this.headerBytes = header;
            this.l2Bytes = l2;
            return this;
        }

        /** Bytes of the DSS option on an MPTCP data segment. */
        public Builder dssBytes(int bytes) {
            this.dssBytes = bytes;
            return this;
        }

        public Builder delayedAck(boolean on) {
            this.delayedAck = on;
            return this;
        }

        /** {@code tcp_rmem[2]}. */
        public Builder rcvBufBytes(long bytes) {
            this.rcvBufBytes = bytes;
            return this;
        }

        /** {@code tcp_rmem[1]} (a larger value is cut to tcp_rmem[2] when built). */
        public Builder rcvBufInitBytes(long bytes) {
            this.rcvBufInitBytes = bytes;
            return this;
        }

        /** {@code net.ipv4.tcp_moderate_rcvbuf}. */
        public Builder moderateRcvbuf(boolean on) {
            this.moderateRcvbuf = on;
            return this;
        }

        public Builder retries2(int n) {
            this.retries2 = n;
            return this;
        }

        public Builder synRetries(int n) {
            this.synRetries = n;
            return this;
        }

        /** TCP Small Queues with this host resume delay in µs ({@link SmallQueues}); 0 (default): not modelled. */
        public Builder tsqResumeUs(int us) {
            this.tsqResumeUs = us;
            return this;
        }

        /** The kernel modelled (default {@link Flavour#MPTCP_V095}). */
        public Builder flavour(Flavour f) {
            this.flavour = java.util.Objects.requireNonNull(f);
            return this;
        }

        /**
         * The config. mss = MTU - header - DSS (MPTCP); a data segment is MTU + L2 bytes on the wire;
         * a pure ACK carries the header (timestamps; one SACK block fits in the same budget) and for
         * MPTCP a DSS DATA_ACK; a SYN the header, 8 bytes of MSS/SACK-permitted/window-scale options
         * and for MPTCP MP_CAPABLE or MP_JOIN.
         */
        public TcpConfig build() {
            int opt = mptcp ? MPTCP_ACK_OPTION_BYTES : 0;
            return new TcpConfig(mtu - headerBytes - (mptcp ? dssBytes : 0), mtu + l2Bytes, headerBytes + l2Bytes + opt,
                    headerBytes + 8 + l2Bytes + opt, delayedAck, rcvBufBytes,
                    Math.min(rcvBufInitBytes, rcvBufBytes), moderateRcvbuf, rtoMinUs, rtoInitUs, retries2,
                    synRetries, flavour, tsqResumeUs);
        }
    }
}
