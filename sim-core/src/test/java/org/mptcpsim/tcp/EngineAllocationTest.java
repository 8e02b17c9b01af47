package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * The TCP engine (Subflow with its Scoreboard, Recovery and timers, SubflowReceiver, Link, the
 * event loop) allocates nothing per packet: a Reno flow through a small drop-tail buffer (so SACK
 * tagging, RACK, PRR and Recovery run again and again) is warmed up for 20 s of simulated time
 * (every array at its final size, every path compiled), then 20 s more may allocate at most a few
 * KB in total, while carrying tens of thousands of packets and many recoveries.
 */
class EngineAllocationTest {
    /** One 16-byte object per data packet would be far more than this. */
    static final long NOISE_BYTES = 8192;

    @Test
    void steadyStateWithLossesDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        // 10 Mbit/s, 10 ms one way (BDP 16.7 packets), buffer 8 packets: a loss every few RTTs
        Bench b = new Bench(10_000_000L, Time.ms(10), 8, TraceSink.NONE);
        TcpConnection c = b.tcp(0, TcpConfig.linuxDefaults(), TraceSink.NONE);
        c.subflow().connect();
        b.loop.run(Time.s(20));
        long sent0 = c.subflow().dataSegmentsSent();
        long red0 = c.subflow().ssthreshReductions();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        b.loop.run(Time.s(40));
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        long packets = c.subflow().dataSegmentsSent() - sent0;
        long recoveries = c.subflow().ssthreshReductions() - red0;
        // Guards that the measured window is the lossy steady state: 40 s at 10 Mbit/s is at most
        // 40 x 10e6 / (1500 x 8) = 33 333 segments. Bench's Reno with an 8-packet buffer under a
        // 16.7-packet BDP saws between (16.7 + 8) / 2 = 12.4 and 24.7 segments, so the link is busy at
        // least 12.4 / 16.7 = 74 % of the time (> 24 000 segments), and one cycle of ~12 RTTs of 20-30 ms
        // (~0.3 s) ends in one reduction: ~130 reductions. 10 000 and 10 are loose floors.
        assertTrue(packets > 10_000 && recoveries > 10, packets + " packets, " + recoveries + " reductions");
        assertTrue(allocated < NOISE_BYTES, allocated + " B for " + packets + " packets");
    }
}
