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
 * {@code lia}: the Linked Increases Algorithm of RFC 6356 (Raiciu, Handley, Wischik, 2011) as the
 * out-of-tree MPTCP kernel implements it in net/mptcp/mptcp_coupled.c (v0.95 era):
 * {@code mptcp_ccc_init}, {@code mptcp_ccc_recalc_alpha}, {@code mptcp_ccc_cong_avoid},
 * {@code mptcp_ccc_set_state}, {@code mptcp_ccc_cwnd_event}; ssthresh and undo are Reno's.
 * Behaviour per net/mptcp/mptcp_coupled.c.
 *
 * <p>Per-connection state ({@code alpha}, {@code forced_update}) lives in the meta socket's CA
 * area: {@link MptcpCb#caShared} holds a {@link Shared}. Kernel quirks kept on purpose:
 * <ul>
 *   <li>alpha is reset to 1 whenever a subflow initialises (a subflow joining);</li>
 *   <li>congestion avoidance counts ACKs (one {@code cnt} step per call), not packets;</li>
 *   <li>12-bit fixed point: the best-path test {@code cwnd<<32 / srtt^2} floors to 0 for long
 *       RTTs (then the oldest eligible subflow wins the tie), and alpha saturates at 1 above
 *       ~2048 packets (threshold {@code max(4096, cwnd)});</li>
 *   <li>slow start drops the leftover of {@code acked}.</li>
 * </ul>
 * A plain TCP socket ({@code sk.mptcp == null}) runs {@code tcp_reno_cong_avoid}.
 */
public final class Lia implements CongestionControl {
    public static final String NAME = "lia";
    /** {@code alpha_scale_num}: numerator scale (bits). */
    static final int ALPHA_SCALE_NUM = 32;
    /** {@code alpha_scale_den}: denominator scale (bits). */
    static final int ALPHA_SCALE_DEN = 10;
    /** {@code alpha_scale}: bits of the increase threshold {@code (1 << 12) / alpha}. */
    static final int ALPHA_SCALE = 12;

    /** The meta socket's CA area of {@code mptcp_coupled.c}. */
    public static final class Shared {
        /** {@code alpha}: u64, already divided by the total window (see §2.3). */
        public long alpha;
        /** {@code forced_update}: recalculate alpha at the next CA step. */
        public boolean forcedUpdate;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The connection's shared LIA area, created (zeroed, as the kernel's) on first use. */
    static Shared shared(MptcpCb mpcb) {
        return mpcb.caShared(Shared.class, Shared::new);
    }

    /** {@code mptcp_ccc_init}: every new subflow resets the connection's alpha to 1. */
    @Override
    public void init(TcpSock sk) {
        if (sk.mptcp != null) {
            Shared s = shared(sk.mptcp);
            s.forcedUpdate = false;
            s.alpha = 1;
        }
    }

    /** {@code mptcp_ccc_recalc_alpha}. */
    static void recalcAlpha(TcpSock sk) {
        MptcpCb mpcb = sk.mptcp;
        if (mpcb == null) {
            return;
        }
        long maxNumerator = 0;
        int bestCwnd = 0;
        int bestRtt = 0;
        int canSend = 0;
        long alpha = 1;
        int n = mpcb.subflowCount();
        for (int i = 0; i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            if (!sub.ccCanSend()) {
                continue;
            }
            canSend++;
            long srtt = Integer.toUnsignedLong(sub.srttUs);
            long tmp = U64.div(Integer.toUnsignedLong(sub.sndCwnd) << ALPHA_SCALE_NUM,
                    srtt * srtt);
            // ">=": on a tie the later subflow in iteration order (the older one) wins
            if (Long.compareUnsigned(tmp, maxNumerator) >= 0) {
                maxNumerator = tmp;
                bestCwnd = sub.sndCwnd;
                bestRtt = sub.srttUs;
            }
        }
        if (canSend != 0) {
            long sumDenominator = 0;
            for (int i = 0; i < n; i++) {
                TcpSock sub = mpcb.subflow(i);
                if (!sub.ccCanSend()) {
                    continue;
                }
                long scaled = (Integer.toUnsignedLong(sub.sndCwnd) << ALPHA_SCALE_DEN)
                        * Integer.toUnsignedLong(bestRtt);
                sumDenominator += U64.div(scaled, Integer.toUnsignedLong(sub.srttUs));
            }
            sumDenominator *= sumDenominator; // u64 square, wraps like the kernel's
            alpha = U64.div(Integer.toUnsignedLong(bestCwnd) << ALPHA_SCALE_NUM,
                    sumDenominator);
            if (alpha == 0) {
                alpha = 1;
            }
        }
        shared(mpcb).alpha = alpha;
    }

    /** {@code mptcp_ccc_cong_avoid}. */
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
            recalcAlpha(sk);
            return;
        }
        Shared s = shared(sk.mptcp);
        if (s.forcedUpdate) {
            recalcAlpha(sk);
            s.forcedUpdate = false;
        }
        long alpha = s.alpha;
        if (alpha == 0) {
            alpha = 1;
        }
        // div_u64 takes a u32 divisor
        int threshold = (int) U64.div(1L << ALPHA_SCALE, alpha & 0xffffffffL);
        if (threshold < sk.sndCwnd) {
            threshold = sk.sndCwnd;
        }
        if (AckCounter.step(sk, threshold)) {
            recalcAlpha(sk);
        }
    }

    /** {@code mptcp_ccc_set_state}: any CA-state change forces a recalculation. */
    @Override
    public void setState(TcpSock sk, int newState) {
        if (sk.mptcp != null) {
            shared(sk.mptcp).forcedUpdate = true;
        }
    }

    /** {@code mptcp_ccc_cwnd_event}: RTO recalculates alpha (with the pre-RTO cwnd). */
    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event == CaEvent.LOSS) {
            recalcAlpha(sk);
        }
    }

    @Override
    public int ssthresh(TcpSock sk) {
        return TcpCong.renoSsthresh(sk);
    }

    @Override
    public int undoCwnd(TcpSock sk) {
        return TcpCong.renoUndoCwnd(sk);
    }

    /** Registers {@code lia}; mptcp_coupled.c has no module parameters. */
    public static final class Factory implements CongestionControlFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // coupled: out-of-tree only (mptcp_coupled.c)
        }

        @Override
        public CongestionControl create(KernelParams params) {
            return new Lia();
        }
    }
}
