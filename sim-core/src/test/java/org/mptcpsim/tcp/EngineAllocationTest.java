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
        assertTrue(packets > 10_000 && recoveries > 10, packets + " packets, " + recoveries + " reductions");
        assertTrue(allocated < NOISE_BYTES, allocated + " B for " + packets + " packets");
    }
}
