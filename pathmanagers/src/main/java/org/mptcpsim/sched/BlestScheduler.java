package org.mptcpsim.sched;


import java.util.List;
import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.mptcp.Decision;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;
import org.mptcpsim.tcp.TcpSock;

/**
 * BLEST, the blocking-estimation scheduler {@code blest} ({@code net/mptcp/mptcp_blest.c}:
 * {@code blest_get_available_subflow}, {@code blestsched_update_lambda},
 * {@code blestsched_estimate_linger_time}, {@code blestsched_estimate_bytes}). Ferlin, Alay,
 * Mehani, Boreli, "BLEST: Blocking Estimation-based MPTCP Scheduler for Heterogeneous Networks",
 * IFIP Networking 2016.
 *
 * <p>When the default scheduler would pick a subflow other than the one with the lowest srtt
 * (the fast one is busy), BLEST estimates how many bytes the fast subflow could send while a
 * segment sent now on the slow one lingers ({@code fast_bytes}, scaled by λ); if that does not
 * fit in the connection-level send window left after the slow subflow's data, it sends nothing
 * and waits for the fast subflow. λ ({@code lambda_1000}) moves by {@code dyn_lambda_bad} up
 * when the receive-buffer optimisation ran in penalising mode since the last update (here: the
 * meta send window blocked new data), else by {@code dyn_lambda_good} down, at most once per
 * {@code min_srtt} of the chosen subflow, clamped to {@code [min_lambda, max_lambda] x 100}.
 * Integer arithmetic as in the kernel (u32, srtt in units of 1/8 µs, HZ = 1000 jiffies).
 *
 * <p>Not modelled (unlike {@link DefaultScheduler}): the receive-buffer optimisation's cwnd
 * penalisation and opportunistic retransmission; only its effect on λ is kept.
 */
public final class BlestScheduler extends SegmentScheduler {
    public static final String NAME = "blest";
    static final ModuleParam LAMBDA = ModuleParam.atLeast("mptcp_blest.lambda", 0, 12, "initial lambda x10 (1.2)");
    static final ModuleParam MAX_LAMBDA = ModuleParam.atLeast("mptcp_blest.max_lambda", 0, 13,
            "lambda upper clamp x10 (1.3)");
    static final ModuleParam MIN_LAMBDA = ModuleParam.atLeast("mptcp_blest.min_lambda", 0, 10,
            "lambda lower clamp x10 (1.0)");
    static final ModuleParam DYN_LAMBDA_GOOD = ModuleParam.atLeast("mptcp_blest.dyn_lambda_good", 0, 10,
            "lambda decrease step x1000 (0.01)");
    static final ModuleParam DYN_LAMBDA_BAD = ModuleParam.atLeast("mptcp_blest.dyn_lambda_bad", 0, 40,
            "lambda increase step x1000 (0.04)");
    private static final long U32 = 0xffffffffL;

    private final int maxLambda;
    private final int minLambda;
    private final int dynGood;
    private final int dynBad;
    private final SubflowState minSrtt = new SubflowState(U32);
    private final SubflowState maxSrtt = new SubflowState(0);
    private int lambda1000;
    private boolean retransFlag;
    private int lastLambdaUpdate;
    private boolean initialised;
    private long heldBack;

    public BlestScheduler(int lambda, int maxLambda, int minLambda, int dynGood, int dynBad) {
        super(NAME, true);
        this.lambda1000 = (lambda & 0xff) * 100;
        this.maxLambda = maxLambda & 0xff;
        this.minLambda = minLambda & 0xff;
        this.dynGood = dynGood & 0xff;
        this.dynBad = dynBad & 0xff;
    }

    @Override
    public void onSubflowAdded(SchedulerView meta, SubflowView s) {
        // blestsched_init
        minSrtt.reset(s.id());
        maxSrtt.reset(s.id());
        if (!initialised) {
            initialised = true;
            lastLambdaUpdate = s.jiffies32();
        }
    }

    /** λ × 1000 ({@code lambda_1000}). */
    public int lambda1000() {
        return lambda1000;
    }

    /** How many times a segment was held back to avoid head-of-line blocking. */
    public long heldBack() {
        return heldBack;
    }

    @Override
    protected Decision windowBlocked(SchedulerView meta, SubflowView s, Decision out) {
        // mptcp_blest_rcv_buf_optimization(subsk, penal = 1) records the event for lambda
        retransFlag = true;
        return null;
    }

    /** {@code blest_get_available_subflow}. */
    @Override
    protected SubflowView availableSubflow(SchedulerView meta, long dsn) {
        SubflowView minsk = null;
        long min = U32;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            SubflowView s = meta.subflowAt(i);
            if (!s.canSend()) {
                continue;
            }
            long srtt = s.srttUs() & U32;
            int id = s.id();
            minSrtt.set(id, Math.min(minSrtt.get(id), srtt));
            maxSrtt.set(id, Math.max(maxSrtt.get(id), srtt));
            if (srtt < min) {
                min = srtt;
                minsk = s;
            }
        }
        SubflowView best = SubflowSelector.available(meta, dsn);
        if (best != null && minsk != null && best != minsk) {
            updateLambda(best);
            long linger = lingerTime(best);
            long fastBytes = estimateBytes(minsk, linger);
            int mss = best.mss();
            long slowBytes = (mss + (long) best.unackedCount() * mss) & U32;
            long sndWnd = Math.min((long) meta.peerWindow() * mss, U32);
            long avail = slowBytes < sndWnd ? sndWnd - slowBytes : 0;
            if (fastBytes > avail) {
                heldBack++;
                return null;
            }
        }
        return best;
    }

    /** {@code blestsched_update_lambda}, at most once per {@code min_srtt} of {@code sk}. */
    private void updateLambda(SubflowView sk) {
        int now = sk.jiffies32();
        long minUs = (minSrtt.get(sk.id()) & U32) >> 3;
        long jiffies = (minUs + 999) / 1000; // usecs_to_jiffies rounds up, HZ = 1000
        if (((now - lastLambdaUpdate) & U32) < jiffies) {
            return;
        }
        lambda1000 += retransFlag ? dynBad : -dynGood;
        retransFlag = false;
        lambda1000 = Math.min(lambda1000, maxLambda * 100);
        lambda1000 = Math.max(lambda1000, minLambda * 100);
        lastLambdaUpdate = now;
    }

    /** {@code blestsched_estimate_linger_time}: srtt units (8 x µs). */
    private long lingerTime(SubflowView tp) {
        long inflight = (tp.packetsInFlight() + 1) & U32;
        long cwnd = tp.cwnd() & U32;
        long max = maxSrtt.get(tp.id());
        long min = minSrtt.get(tp.id());
        long estimate;
        if (inflight >= cwnd) {
            estimate = max;
        } else {
            long slope = (max - min) & U32;
            if (cwnd == 0) {
                cwnd = 1;
            }
            estimate = (min + ((slope * inflight) & U32) / cwnd) & U32;
        }
        long srtt = tp.srttUs() & U32;
        return srtt > estimate ? srtt : estimate;
    }

    /** {@code blestsched_estimate_bytes}: bytes the fast subflow sends during {@code time8}. */
    private long estimateBytes(SubflowView tp, long time8) {
        long avgRtt = ((minSrtt.get(tp.id()) + maxSrtt.get(tp.id())) & U32) / 2;
        long numRtts = avgRtt == 0 ? 1 : (time8 / avgRtt + 1) & U32;
        long cwnd = tp.cwnd() & U32;
        long packets;
        if (tp.ssthresh() == TcpSock.INFINITE_SSTHRESH) {
            if (numRtts > 16) {
                numRtts = 16;
            }
            packets = (cwnd * ((1L << numRtts) - 1)) & U32;
        } else {
            long caCwnd = Math.max(cwnd, (tp.ssthresh() + 1L) & U32);
            packets = ((caCwnd + (numRtts - 1) / 2) * numRtts) & U32;
        }
        long mss = tp.mssCache() > 0 ? tp.mssCache() : tp.mss();
        return (packets * mss * lambda1000 / 1000) & U32;
    }

    /** Registers {@code blest}. */
    public static final class Factory implements PacketSchedulerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // out-of-tree only (mptcp_blest.c)
        }

        @Override
        public PacketScheduler create(KernelParams p) {
            return new BlestScheduler(LAMBDA.getInt(p), MAX_LAMBDA.getInt(p), MIN_LAMBDA.getInt(p),
                    DYN_LAMBDA_GOOD.getInt(p), DYN_LAMBDA_BAD.getInt(p));
        }

        @Override
        public List<ModuleParam> parameters() {
            return List.of(LAMBDA, MAX_LAMBDA, MIN_LAMBDA, DYN_LAMBDA_GOOD, DYN_LAMBDA_BAD);
        }
    }
}
