package org.mptcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

class LinkTest {
    private final EventLoop loop = new EventLoop();
    private final PacketPool pool = new PacketPool();
    private final List<Long> arrivals = new ArrayList<>();
    private final PacketSink sink = p -> {
        arrivals.add(loop.nowPs());
        pool.release(p);
    };

    private Link link(long rate, long delay, int pkts, double loss) {
        return new Link(0, "l", loop, pool, TraceSink.NONE, new SplittableRandom(1), rate, delay, Long.MAX_VALUE, pkts, loss);
    }

    private void offer(Link l, int size) {
        Packet p = pool.take();
        p.size = size;
        p.route = new PacketSink[] {l, sink};
        l.receive(p);
    }

    @Test
    void serialisesBackToBackThenDelays() {
        // 1500 B at 12 Mbit/s = 12000 bits / 12e6 = 1 ms each; 5 ms propagation
        Link l = link(12_000_000L, Time.ms(5), 100, 0);
        for (int i = 0; i < 3; i++) {
            offer(l, 1500);
        }
        assertEquals(3, l.queuePackets());
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(Time.ms(6), Time.ms(7), Time.ms(8)), arrivals);
        assertEquals(4500, l.txBytes());
    }

    @Test
    void dropTailCountsWaitingPacketsNotTheOneInService() {
        // limit 2 packets: one being serialised plus two waiting are accepted; the fourth is dropped
        Link l = link(12_000_000L, 0, 2, 0);
        for (int i = 0; i < 4; i++) {
            offer(l, 1500);
        }
        assertEquals(1, l.drops());
        loop.run(Long.MAX_VALUE);
        assertEquals(3, arrivals.size());
    }

    @Test
    void byteLimit() {
        Link l = link(12_000_000L, 0, Integer.MAX_VALUE, 0);
        l.setLimits(3000, Integer.MAX_VALUE); // one in service, two 1500 B waiting fit, the fourth does not
        for (int i = 0; i < 4; i++) {
            offer(l, 1500);
        }
        assertEquals(1, l.drops());
    }

    @Test
    void tbfCountsTheHeadWaitingForTokens() {
        // tbf, limit 3000 B, 12 Mbit/s: 1500 B = 1 ms of tokens, burst max(3028 B, 1 ms) = 3028 B =
        // 2018666667 ps (rounded up). A full bucket lets the first two frames leave at once (3000 <= 3028 B
        // of tokens); the third waits for the missing 1472 B (981333333 ps) and counts against the limit
        // while it waits, so with the fourth behind it (1500 + 1500 + 1500 > 3000) the fifth and sixth drop
        Link l = link(12_000_000L, 0, Integer.MAX_VALUE, 0);
        l.setLimits(3000, Integer.MAX_VALUE);
        l.setQdisc(Link.Qdisc.TBF);
        for (int i = 0; i < 6; i++) {
            offer(l, 1500);
        }
        assertEquals(2, l.drops());
        // at 1 ms the third has left: the fourth waits for its tokens (until 1981333333 ps), so exactly
        // one more 1500 B frame fits...
        loop.run(Time.ms(1));
        offer(l, 1500);
        assertEquals(2, l.drops());
        // ...and a 1-byte packet more does not (1500 waiting for tokens + 1500 + 1 > 3000)
        offer(l, 1);
        assertEquals(3, l.drops());
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(0L, 0L, 981_333_333L, 1_981_333_333L, 2_981_333_333L), arrivals);
    }

    @Test
    void tbfPacketLimitCountsTheHead() {
        // tbf with a 2-packet limit holds exactly two waiting for tokens, the head included: of six
        // frames offered at once two leave on the full bucket's burst, two wait, two are dropped
        Link l = link(12_000_000L, 0, 2, 0);
        l.setQdisc(Link.Qdisc.TBF);
        for (int i = 0; i < 6; i++) {
            offer(l, 1500);
        }
        assertEquals(2, l.drops());
    }

    @Test
    void tbfPassesItsBurstThenPacesAtTheRateAndRefillsWhenIdle() {
        // the lab's tbf at 10 Mbit/s, burst 3028 B (2 frames of 1514 B), 10 ms delay; a 1514 B frame needs
        // 1514 * 8 / 1e7 s = 1.2112 ms of tokens. Four frames at t = 0 on a full bucket: two leave at once,
        // then one per 1.2112 ms (a plain serialiser would deliver at 1.2112, 2.4224, 3.6336, 4.8448 ms).
        // At 3 ms a fifth frame finds the bucket empty behind the fourth (left at 2.4224 ms): 3.6336 ms.
        // After 20 ms idle the bucket is full again: a frame at 30 ms leaves at once.
        Link l = link(10_000_000L, Time.ms(10), 1000, 0);
        l.setQdisc(Link.Qdisc.TBF);
        for (int i = 0; i < 4; i++) {
            offer(l, 1514);
        }
        loop.run(Time.ms(3));
        offer(l, 1514);
        loop.run(Time.ms(30));
        offer(l, 1514);
        loop.run(Long.MAX_VALUE);
        long d = Time.ms(10);
        long f = 1_211_200_000L;
        assertEquals(List.of(d, d, d + f, d + 2 * f, d + 3 * f, Time.ms(30) + d), arrivals);
    }

    @Test
    void randomLossMatchesItsProbability() {
        // 20000 packets at p = 0.1: mean 2000 drops, sd = sqrt(20000*0.1*0.9) = 42.4; allow 5 sd
        Link l = link(1_000_000_000_000L, 0, Integer.MAX_VALUE, 0.1);
        for (int i = 0; i < 20000; i++) {
            offer(l, 100);
        }
        loop.run(Long.MAX_VALUE);
        assertEquals(20000, l.drops() + arrivals.size());
        assertEquals(2000, l.drops(), 5 * 42.4);
    }

    @Test
    void rateChangeRetimesWaitingPackets() {
        // 1 ms per packet at 12 Mbit/s; at t=0.5 ms the rate doubles: the first keeps its 1 ms finish,
        // the second then takes 0.5 ms (finishes at 1.5 ms)
        Link l = link(12_000_000L, 0, 100, 0);
        offer(l, 1500);
        offer(l, 1500);
        loop.run(Time.us(500));
        l.setRate(24_000_000L);
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(Time.ms(1), Time.us(1500)), arrivals);
    }

    @Test
    void tbfRateChangeRetimesTheBacklogAndLeavesNoTokens() {
        // 12 Mbit/s tbf (1500 B = 1 ms of tokens, burst 3028 B): four frames at t = 0 leave at 0, 0,
        // 0.981333333 ms and 1.981333333 ms (tbfCountsTheHeadWaitingForTokens). At 0.5 ms the rate doubles:
        // the head keeps its time, the fourth follows it by 0.5 ms (1.481333333 ms), and the bucket is empty
        // then, so a fifth frame at 1.6 ms waits for 0.5 ms of tokens from 1.481333333: 1.981333333 ms
        Link l = link(12_000_000L, 0, 100, 0);
        l.setQdisc(Link.Qdisc.TBF);
        for (int i = 0; i < 4; i++) {
            offer(l, 1500);
        }
        loop.run(Time.us(500));
        l.setRate(24_000_000L);
        loop.run(Time.us(1600));
        offer(l, 1500);
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(0L, 0L, 981_333_333L, 1_481_333_333L, 1_981_333_333L), arrivals);
    }

    @Test
    void downDropsEverythingAndUpResumes() {
        Link l = link(12_000_000L, Time.ms(5), 100, 0);
        offer(l, 1500);
        offer(l, 1500);
        l.setUp(false);
        offer(l, 1500);
        assertEquals(3, l.drops());
        l.setUp(true);
        offer(l, 1500);
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(Time.ms(6)), arrivals);
    }

    @Test
    void utilisationAndMeanQueue() {
        // one 1 ms packet over a 4 ms horizon: 25 % busy; queue holds 1 packet for 1 ms: mean 0.25
        Link l = link(12_000_000L, 0, 100, 0);
        offer(l, 1500);
        loop.run(Time.ms(4));
        assertEquals(0.25, l.utilization(), 1e-9);
        assertEquals(0.25, l.queueMeanPackets(), 1e-9);
    }
}
