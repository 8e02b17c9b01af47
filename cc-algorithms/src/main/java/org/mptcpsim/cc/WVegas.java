package org.mptcpsim.cc;

import java.util.List;
import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.tcp.CaEvent;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;

/**
 * {@code wvegas}: weighted Vegas (Cao, Xu, Fu, "Delay-based congestion control for multipath
 * TCP", ICNP 2012) as the out-of-tree MPTCP kernel implements it in net/mptcp/mptcp_wvegas.c
 * (v0.95 era): {@code mptcp_wvegas_init}, {@code wvegas_enable}/{@code wvegas_disable},
 * {@code mptcp_wvegas_pkts_acked}, {@code mptcp_wvegas_state}, {@code mptcp_wvegas_cwnd_event},
 * {@code mptcp_wvegas_weight}, {@code mptcp_wvegas_cong_avoid}; ssthresh and undo are Reno's.
 * Behaviour per net/mptcp/mptcp_wvegas.c.
 *
 * <p>Module parameters {@code mptcp_wvegas.initial_alpha} (2), {@code mptcp_wvegas.total_alpha}
 * (10), {@code mptcp_wvegas.gamma} (1). State is per subflow; the weight sums the siblings'
 * {@code instant_rate}, reached through a {@link CaRegistry} in the connection's shared area.
 * Unlike the other coupled CCs wVegas does not test for MPTCP: a plain TCP socket runs the same
 * Vegas-like logic with its stored weight. Kernel quirks kept: when the averaged RTT equals
 * base_rtt (no queue) the drain test {@code q >= 2 * min q} holds with q = 0 and the window is
 * halved every RTT; growth stalls in RTTs with fewer than 3 samples; u32 RTT arithmetic.
 */
public final class WVegas implements CongestionControl {
    public static final String NAME = "wvegas";
    /** {@code MPTCP_WVEGAS_SCALE}: fixed-point bits of rates and weights. */
    static final int SCALE = 16;

    private final int initialAlpha;
    private final int totalAlpha;
    private final int gamma;

    /** {@code beg_snd_nxt}: u32, right edge of the current RTT. */
    int begSndNxt;
    /** {@code doing_wvegas_now}. */
    boolean doingWvegasNow;
    /** {@code cnt_rtt}: u16, RTT samples in the current RTT. */
    int cntRtt;
    /** {@code sampled_rtt}: u32 sum of samples (µs + 1 each). */
    int sampledRtt;
    /** {@code base_rtt}: u32 minimum sample (µs + 1). */
    int baseRtt;
    /** {@code instant_rate}: u64, packets per µs x 2^16. */
    long instantRate;
    /** {@code weight}: u64, share of the total rate x 2^16. */
    long weight;
    /** {@code alpha}: packets. */
    int alpha;
    /** {@code queue_delay}: u32 µs. */
    int queueDelay;

    /** Per-connection: the subflows' wVegas areas. */
    static final class Shared {
        final CaRegistry<WVegas> subflows = new CaRegistry<>(WVegas.class);
    }

    public WVegas(int initialAlpha, int totalAlpha, int gamma) {
        this.initialAlpha = initialAlpha;
        this.totalAlpha = totalAlpha;
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return NAME;
    }

    static Shared shared(MptcpCb mpcb) {
        return mpcb.caShared(Shared.class, Shared::new);
    }

    /** {@code mptcp_wvegas_init}: base_rtt = 0x7fffffff, then enable. */
    @Override
    public void init(TcpSock sk) {
        if (sk.mptcp != null) {
            shared(sk.mptcp).subflows.put(sk.id, this);
        }
        baseRtt = 0x7fffffff;
        enable(sk);
    }

    @Override
    public void release(TcpSock sk) {
        if (sk.mptcp != null) {
            shared(sk.mptcp).subflows.remove(sk.id, this);
        }
    }

    /** {@code wvegas_enable}: a fresh measurement period; base_rtt is kept. */
    private void enable(TcpSock sk) {
        doingWvegasNow = true;
        begSndNxt = sk.sndNxt;
        cntRtt = 0;
        sampledRtt = 0;
        instantRate = 0;
        alpha = initialAlpha;
        weight = 1L << SCALE;
        queueDelay = 0;
    }

    /** {@code mptcp_wvegas_pkts_acked}: one RTT sample of {@code rtt_us + 1}. */
    @Override
    public void pktsAcked(TcpSock sk, int pktsAcked, long rttUs) {
        if (rttUs < 0) {
            return;
        }
        int vrtt = (int) rttUs + 1;
        if (Integer.compareUnsigned(vrtt, baseRtt) < 0) {
            baseRtt = vrtt;
        }
        sampledRtt += vrtt;
        cntRtt = (cntRtt + 1) & 0xffff;
    }

    /** {@code mptcp_wvegas_state}: Open (re)enables, any other state disables. */
    @Override
    public void setState(TcpSock sk, int newState) {
        if (newState == CaState.OPEN) {
            enable(sk);
        } else {
            doingWvegasNow = false;
        }
    }

    /** {@code mptcp_wvegas_cwnd_event}: restart after idle re-inits; RTO clears the rate. */
    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event == CaEvent.CWND_RESTART) {
            baseRtt = 0x7fffffff;
            enable(sk);
        } else if (event == CaEvent.LOSS) {
            instantRate = 0;
        }
    }

    /** {@code mptcp_wvegas_weight}: own rate over the rates of siblings sampled this RTT. */
    private long weight(TcpSock sk) {
        MptcpCb mpcb = sk.mptcp;
        if (mpcb == null) {
            return weight;
        }
        CaRegistry<WVegas> reg = shared(mpcb).subflows;
        long totalRate = 0;
        for (int i = 0, n = mpcb.subflowCount(); i < n; i++) {
            TcpSock sub = mpcb.subflow(i);
            WVegas ca = reg.get(sub.id);
            if (ca != null && sub.canSend() && ca.sampledRtt != 0) {
                totalRate += ca.instantRate;
            }
        }
        if (totalRate != 0 && instantRate != 0) {
            return U64.div(instantRate << SCALE, totalRate);
        }
        return weight;
    }

    /** {@code mptcp_wvegas_ssthresh}: min(ssthresh, cwnd). */
    private static int wvegasSsthresh(TcpSock sk) {
        return Math.min(sk.sndSsthresh, sk.sndCwnd);
    }

    /** {@code mptcp_wvegas_cong_avoid}. */
    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (!doingWvegasNow) {
            TcpCong.renoCongAvoid(sk, ack, acked);
            return;
        }
        if (TcpCong.after(ack, begSndNxt)) {
            begSndNxt = sk.sndNxt;
            if (cntRtt <= 2) {
                TcpCong.renoCongAvoid(sk, ack, acked);
            } else {
                perRttUpdate(sk, acked);
            }
            cntRtt = 0;
            sampledRtt = 0;
        } else if (sk.inSlowStart()) {
            TcpCong.slowStart(sk, acked);
        }
    }

    /** The once-per-RTT Vegas step with at least 3 samples. */
    private void perRttUpdate(TcpSock sk, int acked) {
        long base = Integer.toUnsignedLong(baseRtt);
        long rtt = Integer.toUnsignedLong(sampledRtt) / cntRtt;
        long cwnd = Integer.toUnsignedLong(sk.sndCwnd);
        long targetCwnd = cwnd * base / rtt;
        long diff = (cwnd * ((rtt - base) & 0xffffffffL) / rtt) & 0xffffffffL; // u32
        if (diff > Integer.toUnsignedLong(gamma) && sk.inSlowStart()) {
            sk.sndCwnd = (int) Math.min(cwnd, ((targetCwnd & 0xffffffffL) + 1) & 0xffffffffL);
            sk.sndSsthresh = wvegasSsthresh(sk);
        } else if (sk.inSlowStart()) {
            TcpCong.slowStart(sk, acked);
        } else {
            if (diff >= Integer.toUnsignedLong(alpha)) {
                instantRate = U64.div(cwnd << SCALE, rtt);
                weight = weight(sk);
                int share = (int) ((weight * totalAlpha) >>> SCALE); // u32
                alpha = Integer.compareUnsigned(share, 2) > 0 ? share : 2; // max(2U, share)
            }
            if (diff > Integer.toUnsignedLong(alpha)) {
                sk.sndCwnd--;
                sk.sndSsthresh = wvegasSsthresh(sk);
            } else if (diff < Integer.toUnsignedLong(alpha)) {
                sk.sndCwnd++;
            }
            // drain the queue if the queueing delay doubled its minimum
            long qDelay = (rtt - base) & 0xffffffffL;
            if (queueDelay == 0 || Integer.toUnsignedLong(queueDelay) > qDelay) {
                queueDelay = (int) qDelay;
            }
            if (qDelay >= ((2 * Integer.toUnsignedLong(queueDelay)) & 0xffffffffL)) { // u32 2*q
                long backoffFactor = U64.div(base << SCALE, (2 * rtt) & 0xffffffffL)
                        & 0xffffffffL; // u32
                sk.sndCwnd = (int) ((Integer.toUnsignedLong(sk.sndCwnd) * backoffFactor) >>> SCALE);
                queueDelay = 0;
            }
        }
        if (Integer.compareUnsigned(sk.sndCwnd, 2) < 0) {
            sk.sndCwnd = 2;
        } else if (Integer.compareUnsigned(sk.sndCwnd, sk.sndCwndClamp) > 0) {
            sk.sndCwnd = sk.sndCwndClamp;
        }
        sk.sndSsthresh = sk.currentSsthresh();
    }

    @Override
    public int ssthresh(TcpSock sk) {
        return TcpCong.renoSsthresh(sk);
    }

    @Override
    public int undoCwnd(TcpSock sk) {
        return TcpCong.renoUndoCwnd(sk);
    }

    /** Current per-subflow alpha (packets), for tests and traces. */
    public int alpha() {
        return alpha;
    }

    /** Current weight x 2^16, for tests and traces. */
    public long weight() {
        return weight;
    }

    /** Registers {@code wvegas} with its module parameters. */
    public static final class Factory implements CongestionControlFactory {
        static final ModuleParam INITIAL_ALPHA = ModuleParam.atLeast("mptcp_wvegas.initial_alpha", 0, 2,
                "per-subflow alpha (packets) on (re)enable");
        static final ModuleParam TOTAL_ALPHA = ModuleParam.atLeast("mptcp_wvegas.total_alpha", 0, 10,
                "alpha budget split across subflows by rate weight");
        static final ModuleParam GAMMA = ModuleParam.atLeast("mptcp_wvegas.gamma", 0, 1,
                "slow-start exit threshold on the queue estimate (packets)");

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // coupled: out-of-tree only (mptcp_wvegas.c)
        }

        @Override
        public CongestionControl create(KernelParams params) {
            return new WVegas(INITIAL_ALPHA.getInt(params), TOTAL_ALPHA.getInt(params), GAMMA.getInt(params));
        }

        @Override
        public List<ModuleParam> parameters() {
            return List.of(INITIAL_ALPHA, TOTAL_ALPHA, GAMMA);
        }
    }
}
