package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.testnet.HandWired;

/** The MPTCP meta over two disjoint paths, wired by hand (no scenario layer). */
class TwoPathMptcpTest {
    private final SimContext sim = SimContext.fresh();
    private final EventLoop loop = sim.loop();

    @Test
    void bothSubflowsCarryDataAndTheMetaDeliversInOrder() {
        // 20 Mbit/s 10 ms and 10 Mbit/s 30 ms one way; buffers of one BDP in packets
        // (20e6*0.02/8/1500 = 33; 10e6*0.06/8/1500 = 50)
        TcpConfig cfg = TcpConfig.builder().mptcp(true).build();
        Link[] a = HandWired.path(sim, 0, 20_000_000L, Time.ms(10), 33);
        Link[] b = HandWired.path(sim, 1, 10_000_000L, Time.ms(30), 50);
        MptcpConnection meta = new MptcpConnection(0, -1, cfg, new DefaultScheduler(), PathManager.DEFAULT);
        Subflow s0 = HandWired.add(sim, meta, 0, a);
        Subflow s1 = HandWired.add(sim, meta, 1, b);
        loop.run(Time.s(30));
        double total = meta.bytesDelivered() * 8 / 30e6;
        double g0 = s0.sk.bytesAcked * 8 / 30e6;
        double g1 = s1.sk.bytesAcked * 8 / 30e6;
        // payload ceilings: 20 x 1420/1500 = 18.9 and 10 x 1420/1500 = 9.47 Mbit/s
        // uncoupled Reno with a one-BDP buffer never lets its path idle after slow start (the cwnd
        // after a halving, (BDP + buffer) / 2 = BDP, still fills the pipe), so each subflow should be
        // near its ceiling; 0.85 leaves 15 % for slow start, its overshoot loss and the first recovery
        assertTrue(g0 > 0.85 * 18.9, "path 0 " + g0);
        assertTrue(g1 > 0.85 * 9.47, "path 1 " + g1);
        // everything acknowledged at subflow level reached the application in order, up to what is in flight.
        // In-flight data is bounded by both paths' BDP + buffer: (33 + 33 + 50 + 50) x 1420 B = 236 kB,
        // 0.063 Mbit/s over 30 s; 0.5 Mbit/s is a loose tolerance above that bound, not a derived value
        assertEquals(g0 + g1, total, 0.5);
        // the kernel iteration order is newest first
        assertEquals(1, meta.subflow(0).id);
    }
}
