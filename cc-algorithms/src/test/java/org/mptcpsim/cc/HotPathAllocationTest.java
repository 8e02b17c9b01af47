package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;

/**
 * Per-ACK hooks (cong_avoid, pkts_acked) must not allocate: after a warm-up that runs every
 * code path once (first-use class initialisation and JIT deoptimisation may allocate once),
 * 100 000 ACKs on a two-subflow connection may allocate at most a few KB in total, i.e. nothing
 * per ACK.
 */
class HotPathAllocationTest {
    /** Long enough for every CC to pass a loss (cwnd cap 2000) before measuring. */
    static final int WARMUP = 200_000;
    static final int ACKS = 100_000;
    /** Tolerance for the measurement itself; one allocation per ACK would be >= 1.6 MB. */
    static final long NOISE_BYTES = 4096;

    @ParameterizedTest
    @ValueSource(strings = {"reno", "cubic", "lia", "olia", "wvegas", "balia"})
    void perAckHooksDoNotAllocate(String name) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        CongestionControlFactory f = null;
        for (CongestionControlFactory c : java.util.ServiceLoader.load(CongestionControlFactory.class)) {
            if (c.name().equals(name)) {
                f = c;
            }
        }
        assertTrue(f != null, name);
        Net net = new Net();
        net.nowPs = org.mptcpsim.core.Time.s(10);
        MptcpCb mpcb = new MptcpCb();
        TcpSock a = net.subflow(mpcb, 10, 8 * 10_000);
        TcpSock b = net.subflow(mpcb, 10, 8 * 40_000);
        CongestionControl ccA = f.create(KernelParams.DEFAULTS);
        CongestionControl ccB = f.create(KernelParams.DEFAULTS);
        ccA.init(a);
        ccB.init(b);
        a.sndSsthresh = 20;
        b.sndSsthresh = 20;
        run(net, a, ccA, b, ccB, WARMUP);
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        run(net, a, ccA, b, ccB, ACKS);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < NOISE_BYTES, name + " allocated " + allocated + " bytes");
    }

    private static void run(Net net, TcpSock a, CongestionControl ccA, TcpSock b,
            CongestionControl ccB, int n) {
        for (int i = 0; i < n; i++) {
            TcpSock sk = (i & 1) == 0 ? a : b;
            CongestionControl cc = (i & 1) == 0 ? ccA : ccB;
            net.advanceUs(100);
            sk.sndUna += Net.MSS;
            sk.sndNxt = sk.sndUna + sk.sndCwnd * Net.MSS;
            sk.maxPacketsOut = sk.sndCwnd;
            cc.congAvoid(sk, sk.sndUna, 1);
            cc.pktsAcked(sk, 1, 10_000 + (i % 7));
            if (sk.sndCwnd > 2000) { // keep windows bounded: a loss
                sk.sndSsthresh = cc.ssthresh(sk);
                sk.sndCwnd = sk.sndSsthresh;
            }
        }
    }
}
