package org.mptcpsim.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.SubflowReceiver;
import org.mptcpsim.tcp.TestReno;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.trace.TraceSink;

/** The MPTCP meta over two disjoint paths, wired by hand (no scenario layer). */
class TwoPathMptcpTest {
    private final EventLoop loop = new EventLoop();
    private final PacketPool pool = new PacketPool();

    private Link[] path(int i, long rate, long owd, int buffer) {
        Link f = new Link(2 * i, "p" + i, loop, pool, TraceSink.NONE, new SplittableRandom(i), rate, owd,
                Long.MAX_VALUE, buffer, 0);
        Link r = new Link(2 * i + 1, "p" + i + ":rev", loop, pool, TraceSink.NONE, new SplittableRandom(i + 9), rate, owd,
                Long.MAX_VALUE, 10_000, 0);
        return new Link[] {f, r};
    }

    private Subflow add(MptcpConnection meta, TcpConfig cfg, int id, Link[] p) {
        TcpSock sk = new TcpSock(loop, meta, id, cfg.mss());
        Subflow s = new Subflow(loop, pool, TraceSink.NONE, meta, sk, new TestReno(), cfg, 0, 1000 * id);
        SubflowReceiver r = new SubflowReceiver(loop, pool, meta, cfg, id);
        s.setRoute(new PacketSink[] {p[0], r});
        r.setAckRoute(new PacketSink[] {p[1], s});
        meta.addSubflow(s, r);
        s.connect();
        return s;
    }

    @Test
    void bothSubflowsCarryDataAndTheMetaDeliversInOrder() {
        // 20 Mbit/s 10 ms and 10 Mbit/s 30 ms one way; buffers of one BDP in packets
        // (20e6*0.02/8/1500 = 33; 10e6*0.06/8/1500 = 50)
        TcpConfig cfg = new TcpConfig(1420, 1500, 64, 72, true, 6_291_456L, 200_000, 1_000_000);
        Link[] a = path(0, 20_000_000L, Time.ms(10), 33);
        Link[] b = path(1, 10_000_000L, Time.ms(30), 50);
        MptcpConnection meta = new MptcpConnection(0, -1, cfg, new DefaultScheduler(), PathManager.DEFAULT);
        Subflow s0 = add(meta, cfg, 0, a);
        Subflow s1 = add(meta, cfg, 1, b);
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
