package org.mptcpsim.tcp;

import org.mptcpsim.core.Time;

/**
 * The sender's retransmission queue and SACK scoreboard: what the kernel keeps in the skbs of
 * {@code sk_write_queue} / the rtx rb-tree ({@code TCP_SKB_CB(skb)->sacked} flags and
 * {@code skb_mstamp}) and in the {@code tsorted_sent_queue}, plus the RACK delivery state
 * ({@code tp->rack}) that tagging advances.
 *
 * <p>Segments are numbered from 0 (the u32 byte sequence is {@code isn + index x mss}). The
 * per-segment state is a ring of primitive arrays indexed by segment, grown only when the flight
 * outgrows it; retransmissions are also kept in a FIFO in retransmission order (the
 * {@code tsorted_sent_queue} RACK walks). Nothing here allocates per packet.
 *
 * <p>The results of one ACK's tagging ({@code struct tcp_sacktag_state}: RTT samples) are left in
 * fields for the caller, which reads them before the next ACK. Single-threaded; fields are
 * package-private for the engine's hot loops ({@link Recovery}, {@link Subflow}).
 */
final class Scoreboard {
    /** {@code TCPCB_SACKED_ACKED}. */
    static final byte SACKED = 1;
    /** {@code TCPCB_LOST}. */
    static final byte LOST = 2;
    /** {@code TCPCB_SACKED_RETRANS}: a retransmission of the segment is in flight. */
    static final byte RETRANS = 4;
    /** {@code TCPCB_EVER_RETRANS}. */
    static final byte EVER_RETRANS = 8;

    private final TcpSock sk;
    private final int isn;

    // segment-index sequence space: [una, nxt) is outstanding
    int una;
    int nxt;
    byte[] flags = new byte[256];
    long[] xmitPs = new long[256];
    long[] dsns = new long[256];
    int mask = 255;

    /** Highest segment marked lost ({@code tp->highest_lost}-like bound of the retransmit walk). */
    int highLost = -1;
    /** Where {@code tcp_xmit_retransmit_queue} resumes ({@code tp->retransmit_skb_hint}). */
    int rtxCursor;
    /** Where RACK's walk over original transmissions resumes. */
    int rackScan;
    /** {@code tp->rack.mstamp}: send time of the most recently sent segment known delivered; -1 = none. */
    long rackXmitPs = -1;
    /** {@code tp->rack.rtt_us}, in ps. */
    long rackRttPs;
    /** Retransmitted segments in retransmission order (ring, power-of-two length). */
    int[] rtxFifo = new int[64];
    int rtxHead;
    int rtxTail;

    // results of the latest ACK (struct tcp_sacktag_state and tcp_clean_rtx_queue's locals), ps; -1 = none
    /** RTT of the newest never-retransmitted SACKed segment ({@code sack_rtt_us}). */
    long sackRttPs;
    /** RTT of the first never-retransmitted cumulatively acked segment ({@code seq_rtt_us}). */
    long seqRttFirstPs;
    /** RTT of the last never-retransmitted cumulatively acked segment ({@code ca_rtt_us}). */
    long caRttPs;

    Scoreboard(TcpSock sk, int isn) {
        this.sk = sk;
        this.isn = isn;
    }

    /** Queues a new segment carrying data sequence {@code dsn}; returns its index. */
    int append(long dsn) {
        int i = nxt;
        if (i - una >= mask) {
            grow();
        }
        int k = i & mask;
        flags[k] = 0;
        dsns[k] = dsn;
        nxt = i + 1;
        return i;
    }

    /** Marks segment {@code i} as being retransmitted ({@code tcp_retransmit_skb}'s flag update and queue). */
    void markRetransmitted(int i) {
        flags[i & mask] |= RETRANS | EVER_RETRANS;
        if (rtxTail - rtxHead == rtxFifo.length) {
            int[] n = new int[rtxFifo.length * 2];
            for (int j = 0; j < rtxTail - rtxHead; j++) {
                n[j] = rtxFifo[(rtxHead + j) & (rtxFifo.length - 1)];
            }
            rtxTail -= rtxHead;
            rtxHead = 0;
            rtxFifo = n;
        }
        rtxFifo[rtxTail++ & (rtxFifo.length - 1)] = i;
    }

    private void grow() {
        int n = flags.length * 2;
        byte[] f = new byte[n];
        long[] x = new long[n];
        long[] d = new long[n];
        for (int i = una; i != nxt; i++) {
            f[i & (n - 1)] = flags[i & mask];
            x[i & (n - 1)] = xmitPs[i & mask];
            d[i & (n - 1)] = dsns[i & mask];
        }
        flags = f;
        xmitPs = x;
        dsns = d;
        mask = n - 1;
    }

    /**
     * {@code tcp_sacktag_write_queue} for the ACK's one SACK block {@code [sackStart, sackEnd)}
     * (segment indices) above cumulative ACK {@code ack}: tags new segments SACKed
     * ({@code tcp_sacktag_one}) and leaves {@link #sackRttPs}. Returns the number newly SACKed.
     */
    int sacktag(int sackStart, int sackEnd, int ack, long now) {
        sackRttPs = -1;
        int newlySacked = 0;
        int ss = Math.max(sackStart, Math.max(ack, una));
        int se = Math.min(sackEnd, nxt);
        if (ss < se) {
            // scan inwards from both ends; new SACKed segments extend a block at its edges
            int hi = se - 1;
            while (hi >= ss && (flags[hi & mask] & SACKED) == 0) {
                newlySacked++;
                sackOne(hi, now);
                hi--;
            }
            for (int i = ss; i < hi && (flags[i & mask] & SACKED) == 0; i++) {
                newlySacked++;
                sackOne(i, now);
            }
        }
        return newlySacked;
    }

    /** {@code tcp_sacktag_one}: counters, flags, RACK advance and the SACK RTT sample. */
    private void sackOne(int i, long now) {
        int k = i & mask;
        byte f = flags[k];
        sk.sackedOut++;
        sk.delivered++;
        if ((f & LOST) != 0) {
            sk.lostOut--;
        }
        if ((f & RETRANS) != 0) {
            sk.retransOut--;
        }
        flags[k] = (byte) ((f & EVER_RETRANS) | SACKED);
        long rtt = now - xmitPs[k];
        rackAdvance(xmitPs[k], rtt, f);
        if ((f & EVER_RETRANS) == 0) {
            sackRttPs = sackRttPs < 0 ? rtt : Math.max(sackRttPs, rtt);
        }
    }

    /**
     * {@code tcp_clean_rtx_queue}: removes what cumulative ACK {@code ack} covers, updates the
     * counters and {@code snd_una}, leaves {@link #seqRttFirstPs} and {@link #caRttPs}. Returns the
     * number of segments newly acked that were not SACKed before.
     */
    int cleanRtxQueue(int ack, long now) {
        seqRttFirstPs = -1;
        caRttPs = -1;
        int acked = 0;
        if (ack - una <= 0 || ack - nxt > 0) {
            return 0;
        }
        int priorUna = una;
        for (int i = una; i != ack; i++) {
            int k = i & mask;
            byte f = flags[k];
            if ((f & SACKED) != 0) {
                sk.sackedOut--;
            } else {
                acked++;
                sk.delivered++;
                long rtt = now - xmitPs[k];
                if ((f & EVER_RETRANS) == 0) {
                    if (seqRttFirstPs < 0) {
                        seqRttFirstPs = rtt;
                    }
                    caRttPs = rtt;
                }
                rackAdvance(xmitPs[k], rtt, f);
            }
            if ((f & LOST) != 0) {
                sk.lostOut--;
            }
            if ((f & RETRANS) != 0) {
                sk.retransOut--;
            }
            sk.packetsOut--;
            flags[k] = 0;
        }
        una = ack;
        sk.sndUna = seq(una);
        sk.bytesAcked += (long) (ack - priorUna) * sk.mssCache;
        return acked;
    }

    /**
     * {@code tcp_rack_advance} ({@code tcp_recovery.c}): the newest delivered send time; a
     * retransmitted segment counts only if its RTT is plausible (&ge; min RTT).
     */
    private void rackAdvance(long xmit, long rtt, byte f) {
        if ((f & EVER_RETRANS) != 0 && rtt < Time.us(sk.minRttUs)) {
            return;
        }
        if (xmit > rackXmitPs) {
            rackXmitPs = xmit;
            rackRttPs = rtt;
        }
    }

    /**
     * {@code tcp_timeout_mark_lost} (the marking of {@code tcp_enter_loss}): every segment not
     * SACKed is lost and no retransmission is in flight any more.
     */
    void markAllLost() {
        for (int i = una; i != nxt; i++) {
            int k = i & mask;
            byte f = flags[k];
            if ((f & SACKED) != 0) {
                continue;
            }
            if ((f & RETRANS) != 0) {
                sk.retransOut--;
            }
            if ((f & LOST) == 0) {
                sk.lostOut++;
            }
            flags[k] = (byte) ((f & EVER_RETRANS) | LOST);
        }
        highLost = nxt - 1;
        rtxCursor = una;
        rtxHead = rtxTail;
    }

    /** {@code tcp_mark_skb_lost}: segment {@code i} (not SACKed, not lost) is lost. */
    void markLost(int i) {
        int k = i & mask;
        flags[k] = (byte) (flags[k] | LOST);
        sk.lostOut++;
        if (i > highLost) {
            highLost = i;
        }
        rtxCursor = Math.min(rtxCursor, i);
    }

    /** A retransmission of segment {@code i} is lost: it may be sent again ({@code TCPCB_SACKED_RETRANS} cleared). */
    void markRetransmissionLost(int i) {
        flags[i & mask] &= ~RETRANS;
        sk.retransOut--;
        rtxCursor = Math.min(rtxCursor, i);
    }

    /** The u32 byte sequence number of segment index {@code i}. */
    int seq(int i) {
        return isn + i * sk.mssCache;
    }

    /** Outstanding segments (sent, not cumulatively acknowledged). */
    int outstanding() {
        return nxt - una;
    }

    /** The data sequence number of the i-th outstanding segment (0 = oldest). */
    long dsn(int i) {
        return dsns[(una + i) & mask];
    }

    /** The tag flags of segment index {@code i}. */
    byte flagsOf(int i) {
        return flags[i & mask];
    }
}
