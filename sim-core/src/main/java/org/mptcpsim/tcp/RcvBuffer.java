package org.mptcpsim.tcp;

import java.util.Arrays;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;

/**
 * The receive buffer of a socket and its autotuning (dynamic right-sizing): for plain TCP the
 * socket's, for MPTCP the one meta (connection-level) buffer whose window every subflow
 * advertises. Integer arithmetic as the kernel's ({@code net/ipv4/tcp_input.c} of 4.19 and 6.x):
 * <ul>
 *   <li>{@link #addSubflow} — {@code tcp_init_buffer_space} ({@code sk_rcvbuf = tcp_rmem[1]}; the
 *       window clamp keeps one segment in reserve) and, out-of-tree, {@code mptcp_init_buffer_space}
 *       (the meta adds each new subflow's buffer, clamp and {@code rcv_ssthresh}, up to tcp_rmem[2]);</li>
 *   <li>{@link #grow} — {@code tcp_grow_window}: {@code rcv_ssthresh} += 2 advmss per segment up to
 *       the clamp and the free space;</li>
 *   <li>{@link #onCopied} — {@code tcp_rcv_space_adjust} / upstream {@code mptcp_rcv_space_adjust}:
 *       once per receiver RTT, the buffer grows to about 2-4 times the bytes copied in the last RTT
 *       ({@code net.ipv4.tcp_moderate_rcvbuf});</li>
 *   <li>{@link #windowSegments} — {@code __tcp_select_window} / {@code __mptcp_select_window}.</li>
 * </ul>
 * Memory model: the application reads in-order data at once, and an out-of-order segment costs
 * twice its payload ({@code truesize} = 2 len, so {@code tcp_win_from_space(truesize) = len}:
 * {@code tcp_grow_window}'s check #2 always passes and {@code tcp_space} loses one byte per byte
 * held). No memory pressure ({@code tcp_mem}), so tcp_rmem[0] never applies; no SO_RCVBUF.
 * Single-threaded.
 */
public final class RcvBuffer {
    /** A subflow's receiver RTT estimate ({@link SubflowReceiver}). */
    public interface RttSource {
        /** {@code rcv_rtt_est.rtt_us}, scaled by 8; 0 before the first sample. */
        long rcvRttUs8();
    }

    /** {@code TCP_INIT_CWND}. */
    static final int INIT_CWND = 10;
    /**
     * {@code SKB_TRUESIZE(advmss + MAX_TCP_HEADER) - advmss} on x86_64 4.19: sk_buff 232 B and
     * skb_shared_info 320 B cache-aligned (256 + 320), {@code MAX_TCP_HEADER} =
     * L1_CACHE_ALIGN(128 + LL_MAX_HEADER 96 + 48) = 320. {@code tcp_rcv_space_adjust} then adds
     * 128 B until half of it holds advmss, so rcvmem lies in [2 advmss, 2 advmss + 128) whatever
     * these sizes are.
     */
    static final int TRUESIZE_OVERHEAD = 576 + 320;
    private static final int U16_MAX = 65_535;
    private static final int TCP_MAX_WSCALE = 14;
    /** {@code net.core.rmem_max} default, which {@code tcp_select_initial_window} scales for too. */
    private static final long SYSCTL_RMEM_MAX = 212_992;

    private final long rmemDefault;
    private final long rmemMax;
    private final boolean moderate;
    private final boolean upstream;
    /** A meta buffer (MPTCP): out-of-tree its rcvq_space starts at its window; upstream the msk adjusts. */
    private final boolean meta;
    private final int advmss;
    private final int rcvmem;
    private final int wscale;
    private RttSource[] receivers = new RttSource[2];
    private int subflows;

    private long rcvbuf;
    private long windowClamp;
    private long rcvSsthresh;
    /** {@code rcvq_space}: bytes copied in the last measured RTT, where and when this one started. */
    private long space;
    private long spaceSeq;
    private long spaceTimePs;
    private long copied;
    /** Upstream MPTCP's {@code msk->rcvq_space.rtt_us} (x8). */
    private long mskRttUs8;

    /**
     * A buffer for {@code cfg}'s tcp_rmem, flavour and tcp_moderate_rcvbuf; {@code meta}: an MPTCP
     * connection's. Empty until {@link #addSubflow}.
     */
    public RcvBuffer(TcpConfig cfg, boolean meta) {
        this.meta = meta;
        this.rmemDefault = cfg.rcvBufInitBytes();
        this.rmemMax = cfg.rcvBufBytes();
        this.moderate = cfg.moderateRcvbuf();
        this.upstream = cfg.flavour() == Flavour.UPSTREAM;
        this.advmss = cfg.mss();
        this.rcvmem = rcvmem(advmss);
        this.wscale = wscale(rmemMax);
    }

    /** {@code tcp_rcv_space_adjust}'s rcvmem: SKB_TRUESIZE(advmss + MAX_TCP_HEADER), + 128 until its window holds advmss. */
    static int rcvmem(int advmss) {
        int m = advmss + TRUESIZE_OVERHEAD;
        while (winFromSpace(m) < advmss) {
            m += 128;
        }
        return m;
    }

    /** {@code tcp_select_initial_window}'s window scale: the largest buffer the socket may reach, in 16 bits. */
    static int wscale(long rmemMax) {
        long s = Math.min(Math.max(rmemMax, SYSCTL_RMEM_MAX), (long) U16_MAX << TCP_MAX_WSCALE);
        int w = 0;
        while (s > U16_MAX && w < TCP_MAX_WSCALE) {
            s >>= 1;
            w++;
        }
        return w;
    }

    /** {@code tcp_win_from_space} with {@code tcp_adv_win_scale} = 1 (6.x: scaling_ratio 50 %, truesize = 2 len). */
    static long winFromSpace(long space) {
        return space - (space >> 1);
    }

    /**
     * A subflow (or the TCP socket) reached ESTABLISHED: {@code tcp_init_buffer_space} for a new
     * socket of {@code tcp_rmem[1]}; the first one initialises the buffer, later ones are added to
     * it out-of-tree ({@code mptcp_init_buffer_space}); upstream the msk keeps its own buffer.
     */
    public void addSubflow(RttSource r, long nowPs) {
        if (subflows == receivers.length) {
            receivers = Arrays.copyOf(receivers, subflows * 2);
        }
        receivers[subflows++] = r;
        long maxwin = winFromSpace(rmemDefault);                 // tcp_full_space
        long rcvWnd = Math.min(maxwin > advmss ? maxwin / advmss * advmss : maxwin, U16_MAX);
        long clamp = maxwin;                                     // tcp_app_win 31: maxwin - (maxwin >> 31)
        if (clamp > 2L * advmss && clamp + advmss > maxwin) {
            clamp = Math.max(2L * advmss, maxwin - advmss);      // "force reservation of one segment"
        }
        long ssthresh = Math.min(rcvWnd, clamp);
        if (subflows == 1) {
            rcvbuf = rmemDefault;
            windowClamp = clamp;
            rcvSsthresh = ssthresh;
            // mptcp_init_buffer_space: the meta's rcv_wnd; a socket's (and upstream's msk): min3(.., 10 advmss)
            space = meta && !upstream ? rcvWnd : Math.min(Math.min(ssthresh, rcvWnd), (long) INIT_CWND * advmss);
            spaceSeq = copied;
            spaceTimePs = nowPs;
        } else if (!upstream) {
            long s = Math.min(rcvbuf + rmemDefault, rmemMax);
            if (s > rcvbuf) {
                windowClamp += clamp;
                rcvSsthresh += ssthresh;
                rcvbuf = s;
            }
        }
    }

    /** {@code tcp_space}: the window the free buffer allows, with {@code oooBytes} held out of order. */
    private long freeSpace(long oooBytes) {
        return winFromSpace(rcvbuf - 2 * oooBytes);
    }

    /** {@code tcp_grow_window} for a received segment of {@code len} bytes (in order, or out of order with SACK). */
    public void grow(int len, long oooBytes) {
        if (len < 128) {
            return;
        }
        long room = Math.min(windowClamp, freeSpace(oooBytes)) - rcvSsthresh;
        if (room > 0) {
            long incr = Math.max(2L * advmss, 2L * len);       // check #2 passes: truesize = 2 len
            rcvSsthresh += Math.min(room, incr);
        }
    }

    /**
     * {@code __tcp_select_window} (and {@code __mptcp_select_window}, the same on the meta):
     * the free space, capped by {@code rcv_ssthresh}, rounded up to the window scale; in segments.
     */
    public int windowSegments(long oooBytes) {
        long free = freeSpace(oooBytes);
        long full = Math.min(windowClamp, winFromSpace(rcvbuf));
        long mss = Math.min(advmss, full);
        if (free < full >> 1 && free < mss) {
            return 0;
        }
        free = Math.min(free, rcvSsthresh);
        long unit = 1L << wscale;
        long window = wscale > 0 ? (free + unit - 1) / unit * unit : free / advmss * advmss;
        return (int) Math.min(Integer.MAX_VALUE, window / advmss);
    }

    /**
     * The application read {@code bytes}: {@code tcp_rcv_space_adjust} (out-of-tree meta:
     * {@code mptcp_check_rtt}, the largest subflow RTT; upstream MPTCP: {@code mptcp_rcv_space_adjust}).
     */
    public void onCopied(int bytes, long nowPs) {
        copied += bytes;
        // the kernel's "time < rtt_us >> 3" on whole microseconds, kept in ps without a division per
        // segment: floor(d / 1e6) < r exactly when d < r x 1e6
        long elapsedPs = nowPs - spaceTimePs;
        long rtt8;
        if (meta && upstream) {                                  // the msk's cached RTT first, then the subflows'
            if (mskRttUs8 != 0 && elapsedPs < (mskRttUs8 >> 3) * Time.PS_PER_US) {
                return;
            }
            mskRttUs8 = maxRttUs8();
            rtt8 = mskRttUs8;
        } else {
            rtt8 = maxRttUs8();                                  // the socket's; out-of-tree meta: mptcp_check_rtt
        }
        if (rtt8 == 0 || elapsedPs < (rtt8 >> 3) * Time.PS_PER_US) {
            return;
        }
        long c = copied - spaceSeq;                              // bytes copied to the user in the last RTT
        if (c > space) {
            if (moderate) {
                growBuffer(c);
            }
            space = c;
        }
        spaceSeq = copied;                                       // new_measure
        spaceTimePs = nowPs;
    }

    /** The {@code tcp_moderate_rcvbuf} step of the adjustment, {@code c} bytes copied in the last RTT. */
    private void growBuffer(long c) {
        long rcvwin = (c << 1) + 16L * advmss;                   // cope with losses, plus a cushion
        long grow = rcvwin * (c - space) / space;                // sender rate increase (slow start)
        rcvwin += grow << 1;
        long b = upstream ? rcvwin << 1                          // tcp_space_from_win at scaling_ratio 50 %
                : rcvwin / advmss * rcvmem;
        b = Math.min(b, rmemMax);
        if (b > rcvbuf) {
            rcvbuf = b;
            windowClamp = winFromSpace(b);                       // the window clamp follows along
        }
    }

    private long maxRttUs8() {
        long m = 0;
        for (int i = 0; i < subflows; i++) {
            m = Math.max(m, receivers[i].rcvRttUs8());
        }
        return m;
    }

    /** {@code sk_rcvbuf}. */
    public long rcvbuf() {
        return rcvbuf;
    }

    /** {@code window_clamp}. */
    public long windowClamp() {
        return windowClamp;
    }

    /** {@code rcv_ssthresh}. */
    public long rcvSsthresh() {
        return rcvSsthresh;
    }

    /** {@code rcvq_space.space}: bytes copied in the last RTT that grew it (the initial estimate before). */
    public long space() {
        return space;
    }
}
