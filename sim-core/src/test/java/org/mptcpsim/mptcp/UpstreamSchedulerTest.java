package org.mptcpsim.mptcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.SubflowReceiver;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.tcp.TestReno;
import org.mptcpsim.trace.TraceSink;

/** The upstream scheduler's bursts: it keeps the subflow it picked for up to 64 KB. */
class UpstreamSchedulerTest {
    private final EventLoop loop = new EventLoop();
    private final PacketPool pool = new PacketPool();

    /** Records the id of the subflow of every decision. */
    private static final class Recording implements PacketScheduler {
        final UpstreamScheduler inner = new UpstreamScheduler();
        final List<Integer> picks = new ArrayList<>();

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Subflow nextSegment(MptcpConnection meta) {
            Subflow s = inner.nextSegment(meta);
            if (s != null) {
                picks.add(s.sk.id);
            }
            return s;
        }
    }

    private void add(MptcpConnection meta, TcpConfig cfg, int id, long owd) {
        Link f = new Link(2 * id, "p" + id, loop, pool, TraceSink.NONE, new SplittableRandom(id), 20_000_000L, owd,
                Long.MAX_VALUE, 100, 0);
        Link r = new Link(2 * id + 1, "p" + id + ":rev", loop, pool, TraceSink.NONE, new SplittableRandom(id + 7), 20_000_000L,
                owd, Long.MAX_VALUE, 10_000, 0);
        TcpSock sk = new TcpSock(loop, meta, id, cfg.mss());
        sk.upstreamKernel = true;
        Subflow s = new Subflow(loop, pool, TraceSink.NONE, meta, sk, new TestReno(), cfg, 0, 1000 * id);
        SubflowReceiver rc = new SubflowReceiver(loop, pool, meta, cfg, id);
        s.setRoute(new PacketSink[] {f, rc});
        rc.setAckRoute(new PacketSink[] {r, s});
        meta.addSubflow(s, rc);
        s.connect();
    }

    @Test
    void sendsInBurstsOfAtMost64KilobytesOnTheSubflowWithTheShortestLingerTime() {
        TcpConfig cfg = new TcpConfig(1420, 1500, 64, 72, true, 6_291_456L, 200_000, 1_000_000);
        Recording sched = new Recording();
        MptcpConnection meta = new MptcpConnection(0, -1, cfg, sched, PathManager.DEFAULT);
        add(meta, cfg, 0, Time.ms(10));
        add(meta, cfg, 1, Time.ms(30));
        loop.run(Time.s(10));
        // a burst of 65 428 B: a pick is kept while bytes are left before a segment, so one pick carries at
        // most ceil(65 428 / 1420) = 47 segments; and more than one on average (a scheduler that chose
        // afresh for every segment would give exactly 1; above 1.5 means at least every other pick
        // carried two or more segments)
        double perPick = sched.picks.size() / (double) sched.inner.picks();
        assertTrue(perPick > 1.5 && perPick <= 47, "segments per pick " + perPick);
        // both subflows are used: each has an empty queue (linger time 0) at some point
        assertTrue(sched.picks.contains(0) && sched.picks.contains(1));
    }
}
