package org.mptcpsim.tcp;

import java.util.SplittableRandom;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.trace.TraceSink;

/** A dumbbell test bench for the TCP engine, with a Reno congestion control from the primitives. */
final class Bench {
    final EventLoop loop = new EventLoop();
    final PacketPool pool = new PacketPool();
    final Link fwd;
    final Link rev;

    Bench(long rateBps, long owdPs, int bufferPkts, TraceSink trace) {
        fwd = new Link(0, "fwd", loop, pool, trace, new SplittableRandom(1), rateBps, owdPs,
                Long.MAX_VALUE, bufferPkts, 0);
        rev = new Link(1, "rev", loop, pool, trace, new SplittableRandom(2), rateBps, owdPs,
                Long.MAX_VALUE, 100_000, 0);
    }

    TcpConnection tcp(int id, TcpConfig cfg, TraceSink trace) {
        TcpConnection c = new TcpConnection(-1, cfg.mss());
        TcpSock sk = new TcpSock(loop, null, 0, cfg.mss());
        Subflow s = new Subflow(loop, pool, trace, c, sk, new TestReno(), cfg, id, 12345 * (id + 1));
        SubflowReceiver r = new SubflowReceiver(loop, pool, c, cfg, 0);
        s.setRoute(new PacketSink[] {fwd, r});
        r.setAckRoute(new PacketSink[] {rev, s});
        c.attach(s);
        return c;
    }
}
