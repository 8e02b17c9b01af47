package org.mptcpsim.cc;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;

/**
 * {@code olia}: the Opportunistic Linked Increases Algorithm (Khalili, Gast, Popovic, Le Boudec,
 * "MPTCP is not Pareto-optimal", CoNEXT 2012; IEEE/ACM ToN 2013;
 * draft-khalili-mptcp-congestion-control) as the out-of-tree MPTCP kernel implements it in
 * net/mptcp/mptcp_olia.c (v0.95 era): {@code mptcp_olia_init}, {@code mptcp_get_crt_cwnd},
 * {@code mptcp_get_rate}, {@code mptcp_get_max_cwnd}, {@code mptcp_get_epsilon},
 * {@code mptcp_olia_set_state}, {@code mptcp_olia_cong_avoid}; ssthresh and undo are Reno's.
 * Behaviour per net/mptcp/mptcp_olia.c.
 *
 * <p>All state is per subflow (these fields), but {@code mptcp_get_epsilon} run on one subflow
 * writes every eligible sibling's epsilon; siblings are reached through a {@link CaRegistry} in
 * the connection's shared area. Kernel quirks kept: the ±1023 thresholds of a 10-bit counter and
 * per-ACK truncation (a single path stops growing at about 1024 packets); loss distances as u32
 * sequence differences; set membership by exact u64 equality with wrapping products; windows of
 * subflows in Recovery replaced by ssthresh. A plain TCP socket runs Reno.
 */
public final class Olia implements CongestionControl {
    public static final String NAME = "olia";
    /** {@code scale}: bits of the fractional counter. */
    static final int SCALE = 10;

    /** u32 sequence numbers: {@code snd_una} at the two previous loss events and now. */
    int mptcpLoss1;
    int mptcpLoss2;
    int mptcpLoss3;
    /** {@code epsilon_num}: -1, 0 or +1. */
    int epsilonNum;
    /** {@code epsilon_den}: u32. */
    int epsilonDen;
    /** {@code mptcp_snd_cwnd_cnt}: signed 32-bit counter in 1/1024 packet. */
    int mptcpSndCwndCnt;

    /** Per-connection: the subflows' OLIA areas. */
    static final class Shared {
        final CaRegistry<Olia> subflows = new CaRegistry<>(Olia.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    static Shared shared(MptcpCb mpcb) {
        return mpcb.caShared(Shared.class, Shared::new);
    }

    /** {@code mptcp_olia_init}. */
    @Override
    public void init(TcpSock sk) {
        if (sk.mptcp != null) {
            shared(sk.mptcp).subflows.put(sk.id, this);
            mptcpLoss1 = sk.sndUna;
            mptcpLoss2 = sk.sndUna;
            mptcpLoss3 = sk.sndUna;
            mptcpSndCwndCnt = 0;
            epsilonNum = 0;
            epsilonDen = 1;
        }
    }

    @Override
    public void release(TcpSock sk) {
        if (sk.mptcp != null) {
            shared(sk.mptcp).subflows.remove(sk.id, this);
        }
    }

    /** {@code mptcp_get_crt_cwnd}: ssthresh while in Recovery (undo RFC 5681 inflation). */
    static int crtCwnd(TcpSock sk) {
        return sk.caState == CaState.RECOVERY ? sk.sndSsthresh : sk.sndCwnd;
    }

    /** {@code max(loss3 - loss2, loss2 - loss1)} on u32 differences, as an unsigned long. */
    long lossInterval() {
        return Math.max(Integer.toUnsignedLong(mptcpLoss3 - mptcpLoss2),
                Integer.toUnsignedLong(mptcpLoss2 - mptcpLoss1));
    }

    /** A sibling's area; a never-initialised one reads as the kernel's zeroed area. */
    private static long lossInterval(Olia ca) {
        return ca == null ? 0 : ca.lossInterval();
    }

    /** {@code mptcp_get_rate}: (1 + sum_p (w_p << 10) * srtt_r / srtt_p)^2, u64. */
    static long rate(MptcpCb mpcb, int pathRtt) {
        long rate = 1;
        for (int i = 0, n = mpcb.subflowCount(); i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            if (!sub.ccCanSend()) {
                continue;
            }
            long scaledNum = (Integer.toUnsignedLong(crtCwnd(sub)) << SCALE)
                    * Integer.toUnsignedLong(pathRtt);
            rate += U64.div(scaledNum, Integer.toUnsignedLong(sub.srttUs));
        }
        return rate * rate;
    }

    /** {@code mptcp_get_epsilon}: sets M, B\M and every eligible subflow's epsilon (§3.5). */
    static void epsilon(MptcpCb mpcb) {
        CaRegistry<Olia> reg = shared(mpcb).subflows;
        int n = mpcb.subflowCount();
        long maxCwnd = maxCwnd(mpcb);
        long bestInt = 0;
        long bestRtt = 1;
        int establishedCnt = 0;
        for (int i = 0; i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            if (!sub.ccCanSend()) {
                continue;
            }
            establishedCnt++;
            long tmpRtt = Integer.toUnsignedLong(sub.srttUs) * Integer.toUnsignedLong(sub.srttUs);
            long tmpInt = lossInterval(reg.get(sub.id));
            if (Long.compareUnsigned(tmpInt * bestRtt, bestInt * tmpRtt) >= 0) {
                bestRtt = tmpRtt;
                bestInt = tmpInt;
            }
        }
        int m = 0;
        int bNotM = 0;
        for (int i = 0; i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            if (!sub.ccCanSend()) {
                continue;
            }
            if (Integer.toUnsignedLong(crtCwnd(sub)) == maxCwnd) {
                m = (m + 1) & 0xff; // u8
            } else if (isBest(sub, reg.get(sub.id), bestInt, bestRtt)) {
                bNotM = (bNotM + 1) & 0xff; // u8
            }
        }
        for (int i = 0; i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            Olia ca = reg.get(sub.id);
            if (!sub.ccCanSend() || ca == null) {
                continue;
            }
            long cwnd = Integer.toUnsignedLong(crtCwnd(sub));
            if (bNotM == 0) {
                ca.epsilonNum = 0;
                ca.epsilonDen = 1;
            } else if (cwnd < maxCwnd && isBest(sub, ca, bestInt, bestRtt)) {
                ca.epsilonNum = 1;
                ca.epsilonDen = establishedCnt * bNotM;
            } else if (cwnd == maxCwnd) {
                ca.epsilonNum = -1;
                ca.epsilonDen = establishedCnt * m;
            } else {
                ca.epsilonNum = 0;
                ca.epsilonDen = 1;
            }
        }
    }

    /** The first loop of {@code mptcp_get_epsilon}: the largest cwnd among the subflows that can send. */
    private static long maxCwnd(MptcpCb mpcb) {
        long maxCwnd = 0;
        for (int i = 0; i < mpcb.subflowCount(); i++) {
            TcpSock sub = mpcb.subflow(i);
            if (sub.ccCanSend() && Integer.toUnsignedLong(crtCwnd(sub)) > maxCwnd) {
                maxCwnd = Integer.toUnsignedLong(crtCwnd(sub));
            }
        }
        return maxCwnd;
    }

    /** {@code tmp_int * best_rtt == best_int * tmp_rtt}, wrapping u64 products. */
    private static boolean isBest(TcpSock sub, Olia ca, long bestInt, long bestRtt) {
        long tmpRtt = Integer.toUnsignedLong(sub.srttUs) * Integer.toUnsignedLong(sub.srttUs);
        return lossInterval(ca) * bestRtt == bestInt * tmpRtt;
    }

    /** {@code mptcp_olia_cong_avoid}. */
    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        MptcpCb mpcb = sk.mptcp;
        if (mpcb == null) {
            TcpCong.renoCongAvoid(sk, ack, acked);
            return;
        }
        mptcpLoss3 = sk.sndUna;
        if (!sk.isCwndLimited()) {
            return;
        }
        if (sk.inSlowStart()) {
            TcpCong.slowStart(sk, acked);
            return;
        }
        epsilon(mpcb);
        long rate = rate(mpcb, sk.srttUs);
        long cwnd = Integer.toUnsignedLong(sk.sndCwnd);
        long cwndScaled = cwnd << SCALE;
        long den = Integer.toUnsignedLong(epsilonDen * sk.sndCwnd) * rate; // u32 product first
        long incDen = den != 0 ? den : 1;
        long epsDen = Integer.toUnsignedLong(epsilonDen);
        long w2 = epsDen * cwndScaled * cwndScaled;
        if (epsilonNum == -1) {
            if (Long.compareUnsigned(w2, rate) < 0) {
                mptcpSndCwndCnt -= (int) U64.div((rate - w2) << SCALE, incDen);
            } else {
                mptcpSndCwndCnt += (int) U64.div((w2 - rate) << SCALE, incDen);
            }
        } else {
            long incNum = epsilonNum * rate + w2;
            mptcpSndCwndCnt += (int) U64.div(incNum << SCALE, incDen);
        }
        if (mptcpSndCwndCnt >= (1 << SCALE) - 1) {
            if (sk.sndCwnd < sk.sndCwndClamp) {
                sk.sndCwnd++;
            }
            mptcpSndCwndCnt = 0;
        } else if (mptcpSndCwndCnt <= -(1 << SCALE) + 1) {
            sk.sndCwnd = Math.max(1, sk.sndCwnd - 1);
            mptcpSndCwndCnt = 0;
        }
    }

    /** {@code mptcp_olia_set_state}: shift the loss intervals on a new loss episode. */
    @Override
    public void setState(TcpSock sk, int newState) {
        if (sk.mptcp == null) {
            return;
        }
        if (newState == CaState.LOSS || newState == CaState.RECOVERY || newState == CaState.CWR) {
            if (mptcpLoss3 != mptcpLoss2 && sk.icskRetransmits == 0) {
                mptcpLoss1 = mptcpLoss2;
                mptcpLoss2 = mptcpLoss3;
            }
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

    /** The counter in 1/1024 packet (for tests and traces). */
    public int sndCwndCnt() {
        return mptcpSndCwndCnt;
    }

    /** Registers {@code olia}; mptcp_olia.c has no module parameters. */
    public static final class Factory implements CongestionControlFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // coupled: out-of-tree only (mptcp_olia.c)
        }

        @Override
        public CongestionControl create(KernelParams params) {
            return new Olia();
        }
    }
}
