package org.mptcpsim.tcp;

import java.util.SplittableRandom;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.LinkConfig;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.trace.TraceSink;

/** A dumbbell test bench for the TCP engine, with a Reno congestion control from the primitives. */
final class Bench {
    final SimContext sim;
    final EventLoop loop;
    final PacketPool pool;
    final Link fwd;
    final Link rev;

    Bench(long rateBps, long owdPs, int bufferPkts, TraceSink trace) {
        sim = SimContext.fresh().withTrace(trace);
        loop = sim.loop();
        pool = sim.pool();
        fwd = LinkConfig.of(rateBps, owdPs, bufferPkts).build(sim, 0, "fwd", new SplittableRandom(1));
        rev = LinkConfig.of(rateBps, owdPs, 100_000).build(sim, 1, "rev", new SplittableRandom(2));
    }

    TcpConnection tcp(int id, TcpConfig cfg, TraceSink trace) {
        return tcp(id, cfg, trace, new TestReno());
    }

    /** A bulk TCP connection over the dumbbell, not yet connected. */
    TcpConnection tcp(int id, TcpConfig cfg, TraceSink trace, CongestionControl cc) {
        TcpConnection c = new TcpConnection(id, -1, cfg);
        c.openSubflow(sim.withTrace(trace), cc, 12345 * (id + 1), Route.of(fwd), Route.of(rev));
        return c;
    }
}
