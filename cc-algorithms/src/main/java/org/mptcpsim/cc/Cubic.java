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
import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;

/**
 * {@code cubic}: CUBIC (Ha, Rhee, Xu, "CUBIC: A New TCP-Friendly High-Speed TCP Variant", ACM
 * SIGOPS OSR 2008; RFC 9438) with HyStart (Ha, Rhee, "Taming the elephants: New TCP slow
 * start", Computer Networks 2011), as mainline Linux 6.x implements it in net/ipv4/tcp_cubic.c
 * (the behaviour of 6.18, which includes the 2025 fix "tcp_cubic: fix incorrect HyStart round
 * start detection"): {@code cubictcp_init}, {@code bictcp_reset}, {@code cubictcp_cwnd_event},
 * {@code cubic_root}, {@code bictcp_update}, {@code cubictcp_cong_avoid},
 * {@code cubictcp_recalc_ssthresh}, {@code cubictcp_state}, {@code cubictcp_acked},
 * {@code cubictcp_register} (scale factors); undo is {@code tcp_reno_undo_cwnd}. The HyStart
 * functions ({@code bictcp_hystart_reset}, {@code hystart_ack_delay}, {@code hystart_update})
 * are in {@link HyStart}.
 *
 * <p>Module parameters under {@code tcp_cubic.*}: fast_convergence 1, beta 717 (/1024),
 * initial_ssthresh 0, bic_scale 41, tcp_friendliness 1, hystart 1, hystart_detect 3 (ACK train |
 * delay), hystart_low_window 16, hystart_ack_delta_us 2000. The derived factors (beta_scale,
 * cube_rtt_scale, cube_factor) are computed once per instance as the kernel does at module load.
 * Clocks: {@code tcp_jiffies32} (HZ=1000) for the cubic epoch, {@code tcp_mstamp} (µs) for
 * HyStart. The ACK-train cushion reads {@link TcpSock#skPacingRate}, {@link TcpSock#skGsoMaxSize}
 * and {@link TcpSock#skPacingActive}.
 *
 * <p>Linux 4.19 differences (not modelled): HyStart ran in ms&lt;&lt;3 units
 * ({@code delay_min} = rtt_us·8/1000, thresholds {@code delay_min>>4} and 4..16 ms &lt;&lt; 3,
 * ACK spacing {@code hystart_ack_delta} = 2 ms), had no pacing-based {@code hystart_ack_delay},
 * reset the HyStart round in {@code cong_avoid} ({@code after(ack, end_seq)}) and only sampled
 * when cwnd &ge; hystart_low_window; {@code found} was a bit mask tested against
 * {@code hystart_detect}; {@code bictcp_update} added {@code msecs_to_jiffies(delay_min>>3)}.
 * Also note 4.19's {@code tcp_is_cwnd_limited} (used by {@link TcpSock#isCwndLimited()}) tests
 * slow start first, whereas 6.x returns true whenever the is_cwnd_limited flag is set.
 */
public final class Cubic implements CongestionControl {
    public static final String NAME = "cubic";
    static final int BICTCP_BETA_SCALE = 1024;
    /** {@code BICTCP_HZ}: the cubic clock has 2^10 ticks per second. */
    static final int BICTCP_HZ = 10;
    static final int HZ = 1000;

    private final boolean fastConvergence;
    private final int beta;
    private final int initialSsthresh;
    private final boolean tcpFriendliness;
    private final boolean hystart;
    /** {@code beta_scale}: 8*(1024+beta)/3/(1024-beta). */
    final int betaScale;
    /** {@code cube_rtt_scale}: bic_scale*10. */
    final int cubeRttScale;
    /** {@code cube_factor}: 2^40 / (bic_scale*10), u64. */
    final long cubeFactor;

    // struct bictcp, all u32 unless noted
    int cnt;
    int lastMaxCwnd;
    int lastCwnd;
    int lastTime;
    int bicOriginPoint;
    int bicK;
    int delayMin;
    int epochStart;
    int ackCnt;
    int tcpCwnd;
    /** The HyStart fields of struct bictcp (found, round, samples). */
    final HyStart hy;

    public Cubic(int fastConvergence, int beta, int initialSsthresh, int bicScale,
            int tcpFriendliness, int hystart, int hystartDetect, int hystartLowWindow,
            int hystartAckDeltaUs) {
        this.fastConvergence = fastConvergence != 0;
        this.beta = beta;
        this.initialSsthresh = initialSsthresh;
        this.tcpFriendliness = tcpFriendliness != 0;
        this.hystart = hystart != 0;
        this.hy = new HyStart(hystartDetect, hystartLowWindow, hystartAckDeltaUs);
        this.betaScale = 8 * (BICTCP_BETA_SCALE + beta) / 3 / (BICTCP_BETA_SCALE - beta);
        this.cubeRttScale = bicScale * 10;
        this.cubeFactor = U64.div(1L << (10 + 3 * BICTCP_HZ),
                Integer.toUnsignedLong(bicScale * 10));
    }

    /** A cubic with the kernel's default module parameters. */
    public static Cubic withDefaults() {
        return new Cubic(1, 717, 0, 41, 1, 1, HyStart.ACK_TRAIN | HyStart.DELAY, 16, 2000);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code bictcp_reset}: zero everything before {@code unused}, and {@code found}. */
    private void reset() {
        cnt = 0;
        lastMaxCwnd = 0;
        lastCwnd = 0;
        lastTime = 0;
        bicOriginPoint = 0;
        bicK = 0;
        delayMin = 0;
        epochStart = 0;
        ackCnt = 0;
        tcpCwnd = 0;
        hy.found = false;
    }

    /** {@code cubictcp_init}. */
    @Override
    public void init(TcpSock sk) {
        reset();
        if (hystart) {
            hy.reset(sk);
        }
        if (!hystart && initialSsthresh != 0) {
            sk.sndSsthresh = initialSsthresh;
        }
    }

    /** {@code cubictcp_cwnd_event}: after idle, shift the epoch to stay on the curve. */
    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event == CaEvent.TX_START) {
            int now = sk.jiffies32();
            int delta = now - sk.lsndtime;
            if (epochStart != 0 && delta > 0) {
                epochStart += delta;
                if (TcpCong.after(epochStart, now)) {
                    epochStart = now;
                }
            }
        }
    }

    /** {@code cubic_root}: table lookup then one Newton-Raphson step (avg error ~0.2%). */
    static int cubicRoot(long a) {
        int b = 64 - Long.numberOfLeadingZeros(a); // fls64
        if (b < 7) {
            return (CubicRootTable.v((int) a) + 35) >>> 6;
        }
        b = ((b * 84) >> 8) - 1;
        int shift = (int) (a >>> (b * 3));
        int x = ((CubicRootTable.v(shift) + 10) << b) >>> 6;
        long q = U64.div(a, Integer.toUnsignedLong(x) * Integer.toUnsignedLong(x - 1));
        x = 2 * x + (int) q;
        return (x * 341) >>> 10; // u32 multiply, wraps like the kernel's
    }

    /** {@code usecs_to_jiffies} with HZ=1000: rounds up. */
    private static long usecsToJiffies(int us) {
        return (Integer.toUnsignedLong(us) + 999) / 1000;
    }

    /** {@code bictcp_update}: the ACK count per +1 packet ({@code cnt}) on the cubic curve. */
    private void update(TcpSock sk, int cwnd, int acked) {
        int now = sk.jiffies32();
        ackCnt += acked;
        if (lastCwnd == cwnd && now - lastTime <= HZ / 32) {
            return;
        }
        if (epochStart == 0 || now != lastTime) {
            curve(now, cwnd, acked);
        }
        if (tcpFriendliness) {
            int delta = cwnd * betaScale >>> 3;
            while (Integer.compareUnsigned(ackCnt, delta) > 0) {
                ackCnt -= delta;
                tcpCwnd++;
            }
            if (Integer.compareUnsigned(tcpCwnd, cwnd) > 0) {
                int maxCnt = Integer.divideUnsigned(cwnd, tcpCwnd - cwnd);
                if (Integer.compareUnsigned(cnt, maxCnt) > 0) {
                    cnt = maxCnt;
                }
            }
        }
        // at most 1 packet per 2 ACKed: 1.5x per RTT
        if (Integer.compareUnsigned(cnt, 2) < 0) {
            cnt = 2;
        }
    }

    /** The cubic-function part of {@code bictcp_update} (at most once per jiffy). */
    private void curve(int now, int cwnd, int acked) {
        lastCwnd = cwnd;
        lastTime = now;
        if (epochStart == 0) {
            epochStart = now;
            ackCnt = acked;
            tcpCwnd = cwnd;
            if (Integer.compareUnsigned(lastMaxCwnd, cwnd) <= 0) {
                bicK = 0;
                bicOriginPoint = cwnd;
            } else {
                bicK = cubicRoot(cubeFactor * Integer.toUnsignedLong(lastMaxCwnd - cwnd));
                bicOriginPoint = lastMaxCwnd;
            }
        }
        long t = now - epochStart; // s32, sign-extended into the u64
        t += usecsToJiffies(delayMin);
        t <<= BICTCP_HZ;
        t = U64.div(t, HZ);
        long k = Integer.toUnsignedLong(bicK);
        boolean below = Long.compareUnsigned(t, k) < 0;
        long offs = below ? k - t : t - k;
        int delta = (int) ((Integer.toUnsignedLong(cubeRttScale) * offs * offs * offs)
                >>> (10 + 3 * BICTCP_HZ));
        int bicTarget = below ? bicOriginPoint - delta : bicOriginPoint + delta;
        if (Integer.compareUnsigned(bicTarget, cwnd) > 0) {
            cnt = Integer.divideUnsigned(cwnd, bicTarget - cwnd);
        } else {
            cnt = 100 * cwnd; // very small increment
        }
        // before the first loss the curve may be too conservative: at least 5% per RTT
        if (lastMaxCwnd == 0 && Integer.compareUnsigned(cnt, 20) > 0) {
            cnt = 20;
        }
    }

    /** {@code cubictcp_cong_avoid}. */
    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        if (!sk.isCwndLimited()) {
            return;
        }
        if (sk.inSlowStart()) {
            acked = TcpCong.slowStart(sk, acked);
            if (acked == 0) {
                return;
            }
        }
        update(sk, sk.sndCwnd, acked);
        TcpCong.congAvoidAi(sk, cnt, acked);
    }

    /** {@code cubictcp_recalc_ssthresh}: W_max with fast convergence; cwnd * beta / 1024. */
    @Override
    public int ssthresh(TcpSock sk) {
        long cwnd = Integer.toUnsignedLong(sk.sndCwnd);
        epochStart = 0;
        if (Integer.compareUnsigned(sk.sndCwnd, lastMaxCwnd) < 0 && fastConvergence) {
            lastMaxCwnd = (int) (((cwnd * (BICTCP_BETA_SCALE + beta)) & 0xffffffffL)
                    / (2 * BICTCP_BETA_SCALE));
        } else {
            lastMaxCwnd = sk.sndCwnd;
        }
        long ss = ((cwnd * beta) & 0xffffffffL) / BICTCP_BETA_SCALE;
        return (int) Math.max(ss, 2);
    }

    /** {@code cubictcp_state}: entering Loss resets everything, HyStart included. */
    @Override
    public void setState(TcpSock sk, int newState) {
        if (newState == CaState.LOSS) {
            reset();
            hy.reset(sk);
        }
    }

    /** {@code cubictcp_acked}: track delay_min; run HyStart in slow start. */
    @Override
    public void pktsAcked(TcpSock sk, int pktsAcked, long rttUs) {
        if (rttUs < 0) {
            return;
        }
        if (epochStart != 0 && sk.jiffies32() - epochStart < HZ) {
            return; // discard delay samples right after fast recovery
        }
        int delay = (int) rttUs;
        if (delay == 0) {
            delay = 1;
        }
        if (delayMin == 0 || Integer.compareUnsigned(delayMin, delay) > 0) {
            delayMin = delay;
        }
        if (!hy.found && sk.inSlowStart() && hystart) {
            hy.update(sk, delay, delayMin);
        }
    }

    @Override
    public int undoCwnd(TcpSock sk) {
        return TcpCong.renoUndoCwnd(sk);
    }

    /** Registers {@code cubic} with its module parameters. */
    public static final class Factory implements CongestionControlFactory {
        // tcp_cubic.c's module parameters with their defaults
        static final ModuleParam FAST_CONVERGENCE = ModuleParam.integer("tcp_cubic.fast_convergence", 0, 1, 1,
                "turn on/off fast convergence");
        static final ModuleParam BETA = ModuleParam.integer("tcp_cubic.beta", 1, 1024, 717,
                "beta for multiplicative decrease, x1024");
        static final ModuleParam INITIAL_SSTHRESH = ModuleParam.atLeast("tcp_cubic.initial_ssthresh", 0, 0,
                "initial value of slow-start threshold (0 = unlimited)");
        static final ModuleParam BIC_SCALE = ModuleParam.atLeast("tcp_cubic.bic_scale", 1, 41,
                "scale (x1024) of cubic's C");
        static final ModuleParam TCP_FRIENDLINESS = ModuleParam.integer("tcp_cubic.tcp_friendliness", 0, 1, 1,
                "turn on/off TCP friendliness");
        static final ModuleParam HYSTART = ModuleParam.integer("tcp_cubic.hystart", 0, 1, 1,
                "turn on/off hybrid slow start");
        static final ModuleParam HYSTART_DETECT = ModuleParam.integer("tcp_cubic.hystart_detect", 0, 3, 3,
                "hybrid slow start detection: 1 = ACK train, 2 = delay, 3 = both");
        static final ModuleParam HYSTART_LOW_WINDOW = ModuleParam.atLeast("tcp_cubic.hystart_low_window", 0, 16,
                "lower bound cwnd for hybrid slow start");
        static final ModuleParam HYSTART_ACK_DELTA_US = ModuleParam.atLeast("tcp_cubic.hystart_ack_delta_us", 0,
                2000, "spacing between ACKs indicating a train (us)");
        private static final List<ModuleParam> PARAMETERS = List.of(FAST_CONVERGENCE, BETA, INITIAL_SSTHRESH,
                BIC_SCALE, TCP_FRIENDLINESS, HYSTART, HYSTART_DETECT, HYSTART_LOW_WINDOW, HYSTART_ACK_DELTA_US);

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.values()); // every kernel has it
        }

        @Override
        public CongestionControl create(KernelParams p) {
            return new Cubic(FAST_CONVERGENCE.getInt(p), BETA.getInt(p), INITIAL_SSTHRESH.getInt(p),
                    BIC_SCALE.getInt(p), TCP_FRIENDLINESS.getInt(p), HYSTART.getInt(p), HYSTART_DETECT.getInt(p),
                    HYSTART_LOW_WINDOW.getInt(p), HYSTART_ACK_DELTA_US.getInt(p));
        }

        @Override
        public List<ModuleParam> parameters() {
            return PARAMETERS;
        }
    }
}
