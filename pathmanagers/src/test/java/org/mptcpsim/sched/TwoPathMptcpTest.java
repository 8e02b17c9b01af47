package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.LinkConfig;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.testnet.MiniNet;

/** The MPTCP meta over two disjoint paths, wired by hand (no scenario layer). */
class TwoPathMptcpTest {
    private final SimContext sim = SimContext.fresh();
    private final EventLoop loop = sim.loop();

    private Link[] path(int i, long rate, long owd, int buffer) {
        Link f = LinkConfig.of(rate, owd, buffer).build(sim, 2 * i, "p" + i, new SplittableRandom(i));
        Link r = LinkConfig.of(rate, owd, 10_000).build(sim, 2 * i + 1, "p" + i + ":rev", new SplittableRandom(i + 9));
        return new Link[] {f, r};
    }

    private Subflow add(MptcpConnection meta, int id, Link[] p) {
        Subflow s = meta.openSubflow(sim, new MiniNet.Reno(), 1000 * id, false, Route.of(p[0]), Route.of(p[1]));
        s.connect();
        return s;
    }

    @Test
    void bothSubflowsCarryDataAndTheMetaDeliversInOrder() {
        // 20 Mbit/s 10 ms and 10 Mbit/s 30 ms one way; buffers of one BDP in packets
        // (20e6*0.02/8/1500 = 33; 10e6*0.06/8/1500 = 50)
        TcpConfig cfg = TcpConfig.builder().mptcp(true).build();
        Link[] a = path(0, 20_000_000L, Time.ms(10), 33);
        Link[] b = path(1, 10_000_000L, Time.ms(30), 50);
        MptcpConnection meta = new MptcpConnection(0, -1, cfg, new DefaultScheduler(), PathManager.DEFAULT);
        Subflow s0 = add(meta, 0, a);
        Subflow s1 = add(meta, 1, b);
        loop.run(Time.s(30));
        double total = meta.bytesDelivered() * 8 / 30e6;
        double g0 = s0.sk.bytesAcked * 8 / 30e6;
        double g1 = s1.sk.bytesAcked * 8 / 30e6;
        // payload ceilings: 20 x 1420/1500 = 18.9 and 10 x 1420/1500 = 9.47 Mbit/s
        assertTrue(g0 > 0.85 * 18.9, "path 0 " + g0);
        assertTrue(g1 > 0.85 * 9.47, "path 1 " + g1);
        // everything acknowledged at subflow level reached the application in order, up to what is in flight
        assertEquals(g0 + g1, total, 0.5);
        // the kernel iteration order is newest first
        assertEquals(1, meta.subflow(0).id);
    }
}
