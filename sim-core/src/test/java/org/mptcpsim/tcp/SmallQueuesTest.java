package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.trace.TraceSink;

/**
 * TCP Small Queues ({@code tcp_small_queue_check}): the limits follow the kernel's formula
 * {@code sk_wmem_alloc (1 + sum of truesize below TCP) > max(2 x truesize, sk_pacing_rate >> 10)}, with a
 * one-segment skb's truesize = 1448 + 896 = 2344 B; a throttled socket resumes after a completion plus the host delay.
 */
class SmallQueuesTest {
    static final int MSS = 1448;
    static final int WIRE = 1514;
    final EventLoop loop = new EventLoop();
    final PacketPool pool = new PacketPool();
    final List<Long> resumes = new ArrayList<>();
    final PacketSink sink = pool::release;

    Link nic(int limitPkts) {
        return new Link(0, "nic", loop, pool, TraceSink.NONE, new SplittableRandom(1), 1_000_000_000L, 0, Long.MAX_VALUE, limitPkts, 0);
    }

    TcpSock sock(long pacingRateBytesPerS) {
        TcpSock sk = new TcpSock(loop, null, 0, MSS);
        sk.skPacingRate = pacingRateBytesPerS;
        return sk;
    }

    SmallQueues tsq(long resumeMaxUs) {
        return new SmallQueues(loop, resumeMaxUs, Flavour.UPSTREAM, 7, () -> resumes.add(loop.nowPs()), "test");
    }

    void send(SmallQueues q, Link l) {
        Packet p = pool.take();
        p.size = WIRE;
        p.route = new PacketSink[] {l, sink};
        p.hop = 0;
        long drops = SmallQueues.drops(l);
        l.receive(p);
        q.onSent(l, drops, loop.nowPs());
    }

    @Test
    void aSlowSocketKeepsTwoSegmentsBelowTcp() {
        // no pacing rate yet: limit = 2 x 2344 = 4688 B; two segments charge 1 + 4688 = 4689 > 4688 -> the third waits
        Link l = nic(1000);
        TcpSock sk = sock(0);
        SmallQueues q = tsq(4800);
        assertTrue(q.mayQueue(sk));
        send(q, l);
        assertTrue(q.mayQueue(sk));
        send(q, l);
        assertFalse(q.mayQueue(sk), "a third segment while two are below TCP");
        // the first leaves the 1 Gbit/s NIC after 1514 B x 8 / 1e9 = 12.112 us; the socket resumes 0.2-1 x 4800 us later
        loop.run(Time.ms(10));
        assertEquals(1, resumes.size());
        long completion = Time.ns(12_112);
        long t = resumes.get(0);
        assertTrue(t >= completion + Time.us(960) && t <= completion + Time.us(4800), "resumed at " + t + " ps");
        assertTrue(q.mayQueue(sk), "both segments have left the NIC by then");
    }

    @Test
    void aFastSocketMayKeepAboutOneMillisecondOfItsPacingRate() {
        // pacing 7.3 MB/s: limit = 7_300_000 >> 10 = 7128 B. A segment may go while 1 + queued x 2344 <= 7128:
        // queued 0..3 (1 / 2345 / 4689 / 7033 B) pass, queued 4 (9377 B) does not: four segments below TCP
        Link l = nic(1000);
        TcpSock sk = sock(7_300_000L);
        SmallQueues q = tsq(4800);
        for (int i = 0; i < 4; i++) {
            assertTrue(q.mayQueue(sk), "segment " + (i + 1));
            send(q, l);
        }
        assertFalse(q.mayQueue(sk), "1 + 4 x 2344 = 9377 B > 7128 B");
    }

    @Test
    void aSegmentTheNicDropsIsFreedAtOnce() {
        // a NIC queue of one waiting packet: of five segments one is on the wire, one waits, three are dropped (the
        // kernel frees a dropped skb at the qdisc, tcp_wfree). Charged: two, 1 + 2 x 2344 = 4689 <= 7128 (see above);
        // had the drops been charged, 1 + 5 x 2344 > 7128
        Link l = nic(1);
        TcpSock sk = sock(7_300_000L);
        SmallQueues q = tsq(4800);
        for (int i = 0; i < 5; i++) {
            send(q, l);
        }
        assertEquals(3, l.drops());
        assertTrue(q.mayQueue(sk), "only the segments the NIC kept are charged");
    }
}
