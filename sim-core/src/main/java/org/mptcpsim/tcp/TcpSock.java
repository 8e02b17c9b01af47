package org.mptcpsim.tcp;

import org.mptcpsim.core.Clock;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;

/**
 * The congestion-control-visible state of one TCP socket (a plain TCP connection or one MPTCP
 * subflow): the fields of the kernel's {@code struct tcp_sock} / {@code inet_connection_sock}
 * that congestion controls, schedulers and path managers read, under their kernel names in
 * camelCase and in kernel units (packets, u32 byte sequence numbers, {@code srtt_us} x 8).
 *
 * <p>Congestion controls read and write these fields directly, as the kernel's do; the subflow
 * engine ({@link Subflow}) owns everything else. Single-threaded: only the simulation thread
 * touches a socket.
 */
public class TcpSock {
    /** {@code TCP_INFINITE_SSTHRESH}. */
    public static final int INFINITE_SSTHRESH = 0x7fffffff;
    /** {@code TCP_INIT_CWND}. */
    public static final int INIT_CWND = 10;

    private final Clock clock;
    /** The MPTCP connection this socket is a subflow of, or {@code null} for plain TCP. */
    public final MptcpCb mptcp;
    /** Index in creation order within the connection (0 = the initial subflow). */
    public final int id;

    // --- congestion window (tcp_sock) ---
    public int sndCwnd = INIT_CWND;
    public int sndSsthresh = INFINITE_SSTHRESH;
    public int sndCwndCnt;
    public int sndCwndClamp = Integer.MAX_VALUE;
    /** {@code snd_cwnd_stamp}, in jiffies (ms). */
    public int sndCwndStamp;
    public int priorCwnd;
    public int priorSsthresh;

    // --- RTT (tcp_sock), microseconds; srttUs holds 8 x smoothed RTT ---
    public int srttUs;
    public int mdevUs;
    public int mdevMaxUs;
    public int rttvarUs;
    /** {@code rtt_seq}: u32 sequence at which the current RTT-variance window ends. */
    public int rttSeq;
    /** Minimum RTT seen (µs), {@code tcp_min_rtt}; {@code Integer.MAX_VALUE} until the first sample. */
    public int minRttUs = Integer.MAX_VALUE;

    // --- sequence space, u32 bytes ---
    public int sndUna;
    public int sndNxt;
    /** {@code write_seq}: end of data queued on this socket. */
    public int writeSeq;
    /** {@code high_seq}: snd_nxt at the start of the current CWR/Recovery/Loss episode. */
    public int highSeq;
    /** Peer's receive window (bytes). */
    public int sndWnd;
    /** {@code mss_cache}: payload bytes per segment. */
    public int mssCache;

    // --- counters, packets ---
    public int packetsOut;
    public int sackedOut;
    public int lostOut;
    public int retransOut;
    /** {@code max_packets_out} of the current window (for {@link #isCwndLimited()} in slow start). */
    public int maxPacketsOut;
    /** {@code is_cwnd_limited}: the last flight was limited by cwnd. */
    public boolean isCwndLimitedFlag;
    /** Packets delivered (cumulatively acked or SACKed) since the start ({@code tp->delivered}). */
    public int delivered;
    /** Bytes cumulatively acknowledged ({@code tcpi_bytes_acked}). */
    public long bytesAcked;
    /** Last time data was sent ({@code lsndtime}), jiffies. */
    public int lsndtime;

    // --- inet_connection_sock ---
    public int caState = CaState.OPEN;
    public int state = TcpState.SYN_SENT;
    /** RTO backoffs since the last forward progress ({@code icsk_retransmits}). */
    public int icskRetransmits;
    public int icskBackoff;
    /** Current RTO in microseconds ({@code icsk_rto}, kept in µs rather than jiffies). */
    public long icskRtoUs = TcpConfig.TIMEOUT_INIT_US;

    // --- MPTCP subflow flags (mptcp_tcp_sock) ---
    /** An MP_JOIN subflow that has sent its third ACK but not yet received the fourth. */
    public boolean preEstablished;
    /** Potentially failed: its data was reinjected after an RTO; cleared by any valid MPTCP packet. */
    public boolean pf;
    /** This side marked the subflow as backup ({@code low_prio}). */
    public boolean lowPrio;
    /** The peer marked the subflow as backup ({@code rcv_low_prio}). */
    public boolean rcvLowPrio;

    public TcpSock(Clock clock, MptcpCb mptcp, int id, int mss) {
        this.clock = clock;
        this.mptcp = mptcp;
        this.id = id;
        this.mssCache = mss;
    }

    /** Whether this socket is an MPTCP subflow ({@code mptcp(tp)}). */
    public final boolean isMptcp() {
        return mptcp != null;
    }

    /** {@code tcp_packets_in_flight}: packets_out - (sacked_out + lost_out) + retrans_out. */
    public final int packetsInFlight() {
        return packetsOut - (sackedOut + lostOut) + retransOut;
    }

    /** {@code tcp_in_slow_start}: cwnd &lt; ssthresh (strict, 4.19). */
    public final boolean inSlowStart() {
        return sndCwnd < sndSsthresh;
    }

    /** {@code tcp_is_cwnd_limited}, in the form of this socket's kernel ({@link Flavour#isCwndLimited}). */
    public final boolean isCwndLimited() {
        return flavour.isCwndLimited(isCwndLimitedFlag, inSlowStart(), sndCwnd, maxPacketsOut);
    }

    /** The kernel this socket runs in (set from {@link TcpConfig#flavour()} when its subflow is built). */
    public Flavour flavour = Flavour.MPTCP_V095;

    /** {@code tcp_current_ssthresh}. */
    public final int currentSsthresh() {
        if (caState == CaState.CWR || caState == CaState.RECOVERY) {
            return sndSsthresh;
        }
        return Math.max(sndSsthresh, (sndCwnd >> 1) + (sndCwnd >> 2));
    }

    /**
     * {@code tcp_update_pacing_rate}: mss x max(cwnd, packets_out) / srtt, times 200 % in slow
     * start (cwnd &lt; ssthresh/2) or 120 % otherwise. Nothing paces in the simulator; cubic's
     * HyStart reads the value, as it does in the kernel without fq.
     */
    public final void updatePacingRate() {
        if (srttUs == 0) {
            return;
        }
        long rate = (long) mssCache * ((1_000_000L / 100) << 3);
        rate *= sndCwnd < sndSsthresh / 2 ? 200 : 120;
        rate *= Math.max(sndCwnd, packetsOut);
        skPacingRate = rate / (srttUs & 0xffffffffL);
    }

    /** {@code mptcp_sk_can_send}: ESTABLISHED or CLOSE_WAIT, and not pre-established. */
    public final boolean canSend() {
        return (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT) && !preEstablished;
    }

    /**
     * The coupled CCs' eligibility test ({@code mptcp_ccc_sk_can_send} and friends):
     * {@link #canSend()} and a non-zero srtt.
     */
    public final boolean ccCanSend() {
        return canSend() && srttUs != 0;
    }

    /** Backup subflow: either side set low priority. */
    public final boolean isBackup() {
        return lowPrio || rcvLowPrio;
    }

    /** Current simulated time in microseconds ({@code tcp_clock_us}). */
    public final long nowUs() {
        return clock.nowPs() / Time.PS_PER_US;
    }

    /** {@code tcp_jiffies32} / {@code tcp_time_stamp} with HZ=1000: milliseconds, u32. */
    public final int jiffies32() {
        return (int) (clock.nowPs() / Time.PS_PER_MS);
    }

    /** The clock this socket reads. */
    public final Clock clock() {
        return clock;
    }

    // --- added for cc-algorithms ---
    /**
     * {@code sk_pacing_rate} in bytes per second, as {@code tcp_update_pacing_rate} keeps it
     * (the kernel computes it even when nothing paces); 0 = unknown. Read by cubic's HyStart
     * ({@code hystart_ack_delay}): with 0 the ACK-train cushion is 0.
     */
    public long skPacingRate;
    /**
     * {@code sk_pacing_status != SK_PACING_NONE}: an fq qdisc or the TCP stack paces this socket.
     * When false (the default, no pacing modelled) cubic's ACK-train threshold is halved.
     */
    public boolean skPacingActive;
    /** {@code sk_gso_max_size} in bytes (64 KiB, {@code GSO_LEGACY_MAX_SIZE}, on common devices). */
    public int skGsoMaxSize = 65536;
}
