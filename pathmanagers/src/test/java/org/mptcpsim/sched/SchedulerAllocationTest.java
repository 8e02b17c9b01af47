package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.LinkConfig;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.testnet.MiniNet;

/**
 * Scheduling allocates nothing per packet (the MPTCP counterpart of sim-core's
 * EngineAllocationTest): every scheduler runs a two-path bulk transfer through small drop-tail
 * buffers (losses, recoveries, a window that fills) for 10 s of simulated time to warm up (every
 * per-subflow array at its final size, every path compiled), then 10 s more may allocate at most
 * a few KB in total while carrying thousands of segments. One object per segment would be
 * 16 B x thousands, far above the bound.
 */
class SchedulerAllocationTest {
    /** The same bound as EngineAllocationTest. */
    private static final long NOISE_BYTES = 8192;

    @Test
    void noSchedulerAllocatesPerSegment() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        List<Supplier<PacketScheduler>> all = List.of(DefaultScheduler::new, UpstreamScheduler::new,
                RedundantScheduler::new, () -> new RoundRobinScheduler(1, true),
                () -> new BlestScheduler.Factory().create(KernelParams.DEFAULTS), LowestRttScheduler::new);
        for (Supplier<PacketScheduler> make : all) {
            SimContext sim = SimContext.fresh();
            PacketScheduler sched = make.get();
            MptcpConnection meta = new MptcpConnection(0, -1, TcpConfig.builder().mptcp(true).build(), sched,
                    PathManager.DEFAULT);
            // 10 Mbit/s with 10 ms and 30 ms one way; 8-packet buffers, well under both BDPs
            // (10e6 x 0.02 / 8 / 1500 = 16.7 and 50 packets): a loss every few RTTs on each path
            add(sim, meta, 0, Time.ms(10));
            add(sim, meta, 1, Time.ms(30));
            sim.loop().run(Time.s(10));
            long sent0 = sent(meta);
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            sim.loop().run(Time.s(20));
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            long segments = sent(meta) - sent0;
            // a floor that shows data flowed in the measured 20 s, not a throughput claim: the two
            // 10 Mbit/s paths carry at most 2 x 10e6 / (1500 x 8) x 20 = 33 333 segments; the redundant
            // scheduler sends each twice, so its distinct-path ceiling is half that; 5 000 is < 1/3 of it
            assertTrue(segments > 5_000, sched.name() + ": " + segments + " segments");
            assertTrue(allocated < NOISE_BYTES, sched.name() + ": " + allocated + " B for " + segments + " segments");
        }
    }

    private static void add(SimContext sim, MptcpConnection meta, int i, long owd) {
        Link f = LinkConfig.of(10_000_000L, owd, 8).build(sim, 2 * i, "p" + i, new SplittableRandom(i));
        Link r = LinkConfig.of(10_000_000L, owd, 10_000).build(sim, 2 * i + 1, "p" + i + ":rev",
                new SplittableRandom(i + 9));
        meta.openSubflow(sim, new MiniNet.Reno(), 1000 * i, false, Route.of(f), Route.of(r)).connect();
    }

    private static long sent(MptcpConnection meta) {
        long n = 0;
        for (var s : meta.subflowsById()) {
            n += s.dataSegmentsSent();
        }
        return n;
    }
}
