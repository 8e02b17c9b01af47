package org.mptcpsim.cc;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CaEvent;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;

/**
 * {@code balia}: the Balanced Linked Adaptation algorithm (Peng, Walid, Hwang, Low, "Multipath
 * TCP: Analysis, Design, and Implementation", IEEE/ACM ToN 2016;
 * draft-walid-mptcp-congestion-control) as the out-of-tree MPTCP kernel implements it in
 * net/mptcp/mptcp_balia.c (v0.95 era): {@code mptcp_balia_init}, {@code mptcp_balia_recalc_ai},
 * {@code mptcp_balia_cong_avoid}, {@code mptcp_balia_ssthresh}, {@code mptcp_balia_set_state},
 * {@code mptcp_balia_cwnd_event}; undo is Reno's. Behaviour per net/mptcp/mptcp_balia.c.
 *
 * <p>State ({@code ai}, {@code md}, {@code forced_update}) is per subflow, despite the kernel's
 * helper names. Kernel quirks kept: the loss response uses the <em>integer</em> ratio
 * {@code alpha = floor(max_rate / rate)} (1 &le; alpha &lt; 2 halves the window), its floor is 1
 * (Reno's is 2), and it uses the md cached at the last recalculation (0 before any, which leaves
 * ssthresh = cwnd); congestion avoidance counts ACKs with threshold {@code (int) ai}; the forced
 * recalculation reads the meta socket's flag, which nothing sets, so it never fires. A plain TCP
 * socket runs Reno.
 */
public final class Balia implements CongestionControl {
    public static final String NAME = "balia";
    /** {@code rate_scale_limit}: rates above 2^25 are scaled down. */
    static final int RATE_SCALE_LIMIT = 25;
    /** {@code scale_num}: bits per scale-down step. */
    static final int SCALE_NUM = 5;
    /** {@code alpha_scale}: fixed-point bits of the md factor. */
    static final int ALPHA_SCALE = 10;
    /** {@code USEC_PER_SEC << 3}: srtt_us is 8 x µs, so rates come out in bytes per second. */
    static final long USEC_PER_SEC_X8 = 1_000_000L << 3;

    /** {@code ai}: u64, ACKs per +1 packet in congestion avoidance. */
    long ai;
    /** {@code md}: u64, packets removed at a loss. */
    long md;
    /** {@code forced_update} of this subflow: set by set_state, read by nobody (see class doc). */
    boolean forcedUpdate;

    @Override
    public String name() {
        return NAME;
    }

    /** {@code mptcp_balia_init}. */
    @Override
    public void init(TcpSock sk) {
        if (sk.mptcp != null) {
            forcedUpdate = false;
            ai = 0;
            md = 0;
        }
    }

    /** One subflow's rate with the caller's MSS: {@code mss_r * cwnd_s * 8e6 / srtt_s}. */
    private static long rateOf(TcpSock caller, TcpSock sub) {
        long num = Integer.toUnsignedLong(caller.mssCache) * Integer.toUnsignedLong(sub.sndCwnd)
                * USEC_PER_SEC_X8;
        return U64.div(num, Integer.toUnsignedLong(sub.srttUs));
    }

    /** {@code mptcp_balia_recalc_ai}. */
    void recalcAi(TcpSock sk) {
        MptcpCb mpcb = sk.mptcp;
        if (mpcb == null) {
            return;
        }
        long cwnd = Integer.toUnsignedLong(sk.sndCwnd);
        long newAi = cwnd;
        long newMd = cwnd >>> 1;
        long maxRate = 0;
        long rate = 0;
        long sumRate = 0;
        int n = mpcb.subflowCount();
        for (int i = 0; i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            if (!sub.ccCanSend()) {
                continue;
            }
            long tmp = rateOf(sk, sub);
            sumRate += tmp;
            if (sub == sk) {
                rate = tmp;
            }
            if (Long.compareUnsigned(tmp, maxRate) >= 0) {
                maxRate = tmp;
            }
        }
        if (rate != 0) {
            long alpha = U64.div(maxRate, rate);
            int numScaleDown = 0;
            while (Long.compareUnsigned(maxRate, 1L << RATE_SCALE_LIMIT) > 0) {
                maxRate >>>= SCALE_NUM;
                numScaleDown++;
            }
            if (numScaleDown != 0) {
                int shift = SCALE_NUM * numScaleDown;
                sumRate = 0;
                for (int i = 0; i < n; i++) {
                    TcpSock sub = mpcb.subflow(i);
                    if (sub.ccCanSend()) {
                        sumRate += rateOf(sk, sub) >>> shift; // shift <= 40: max_rate < 2^65
                    }
                }
                rate >>>= shift;
            }
            sumRate *= sumRate;
            newAi = U64.div(sumRate * 10, rate + maxRate);
            newAi = U64.div(newAi * cwnd, (rate << 2) + maxRate);
            if (newAi == 0) {
                newAi = cwnd;
            }
            long scaled = alpha << ALPHA_SCALE;
            long capped = (3L << ALPHA_SCALE) >>> 1; // 1.5 in 10-bit fixed point
            long factor = Long.compareUnsigned(scaled, capped) < 0 ? scaled : capped;
            newMd = ((cwnd >>> 1) * factor) >>> ALPHA_SCALE;
        }
        ai = newAi;
        md = newMd;
    }

    /** {@code mptcp_balia_cong_avoid}. */
    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (sk.mptcp == null) {
            TcpCong.renoCongAvoid(sk, ack, acked);
            return;
        }
        if (!sk.isCwndLimited()) {
            return;
        }
        if (sk.inSlowStart()) {
            TcpCong.slowStart(sk, acked); // the leftover is dropped
            recalcAi(sk);
            return;
        }
        // The kernel tests the meta socket's forced flag here; nothing sets it (class doc).
        int threshold = (int) ai;
        if (AckCounter.step(sk, threshold)) {
            recalcAi(sk);
        }
    }

    /**
     * {@code mptcp_balia_ssthresh}: {@code max(cwnd - (u32) md, 1)} on u32 (md cached from the last
     * recalculation). If a stale md exceeds cwnd the kernel's u32 difference wraps to above 2^31;
     * {@code snd_ssthresh} is an int here, so that is held as {@link TcpSock#INFINITE_SSTHRESH},
     * which compares the same way against any cwnd.
     */
    @Override
    public int ssthresh(TcpSock sk) {
        if (sk.mptcp == null) {
            return TcpCong.renoSsthresh(sk);
        }
        long diff = Integer.toUnsignedLong(sk.sndCwnd - (int) md);
        long ss = Math.max(diff, 1);
        return (int) Math.min(ss, TcpSock.INFINITE_SSTHRESH);
    }

    /** {@code mptcp_balia_set_state}: flags this subflow (never read, see class doc). */
    @Override
    public void setState(TcpSock sk, int newState) {
        if (sk.mptcp != null) {
            forcedUpdate = true;
        }
    }

    /** {@code mptcp_balia_cwnd_event}: recalculate at the end of recovery and on RTO. */
    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event == CaEvent.COMPLETE_CWR || event == CaEvent.LOSS) {
            recalcAi(sk);
        }
    }

    @Override
    public int undoCwnd(TcpSock sk) {
        return TcpCong.renoUndoCwnd(sk);
    }

    /** {@code ai} as last computed (for tests and traces). */
    public long ai() {
        return ai;
    }

    /** {@code md} as last computed (for tests and traces). */
    public long md() {
        return md;
    }

    /** Registers {@code balia}; mptcp_balia.c has no module parameters. */
    public static final class Factory implements CongestionControlFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // coupled: out-of-tree only (mptcp_balia.c)
        }

        @Override
        public CongestionControl create(KernelParams params) {
            return new Balia();
        }
    }
}
