package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Decision;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.LinkConfig;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.testnet.MiniNet;

/** The upstream scheduler's bursts: it keeps the subflow it picked for up to 64 KB. */
class UpstreamSchedulerTest {
    private final SimContext sim = SimContext.fresh();
    private final EventLoop loop = sim.loop();

    /** Records the id of the subflow of every decision. */
    private static final class Recording implements PacketScheduler {
        final UpstreamScheduler inner = new UpstreamScheduler();
        final List<Integer> picks = new ArrayList<>();

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Decision nextSegment(SchedulerView meta, Decision out) {
            Decision d = inner.nextSegment(meta, out);
            if (d != null) {
                picks.add(d.subflow().id());
            }
            return d;
        }
    }

    private void add(MptcpConnection meta, int id, long owd) {
        Link f = LinkConfig.of(20_000_000L, owd, 100).build(sim, 2 * id, "p" + id, new SplittableRandom(id));
        Link r = LinkConfig.of(20_000_000L, owd, 10_000).build(sim, 2 * id + 1, "p" + id + ":rev",
                new SplittableRandom(id + 7));
        Subflow s = meta.openSubflow(sim, new MiniNet.Reno(), 1000 * id, false, Route.of(f), Route.of(r));
        s.connect();
    }

    @Test
    void sendsInBurstsOfAtMost64KilobytesOnTheSubflowWithTheShortestLingerTime() {
        TcpConfig cfg = TcpConfig.builder().mptcp(true).flavour(Flavour.UPSTREAM).build();
        Recording sched = new Recording();
        MptcpConnection meta = new MptcpConnection(0, -1, cfg, sched, PathManager.DEFAULT);
        add(meta, 0, Time.ms(10));
        add(meta, 1, Time.ms(30));
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
