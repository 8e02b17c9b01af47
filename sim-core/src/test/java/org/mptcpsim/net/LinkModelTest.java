package org.mptcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/** The modelled link path: Mahimahi trace delivery, Gilbert–Elliott loss, delay jitter with and without reordering. */
class LinkModelTest {
    private final EventLoop loop = new EventLoop();
    private final PacketPool pool = new PacketPool();
    private final List<Long> arrivals = new ArrayList<>();
    private final List<Integer> order = new ArrayList<>();
    private final PacketSink sink = p -> {
        arrivals.add(loop.nowPs());
        order.add(p.seq);
        pool.release(p);
    };

    private Link link(long rate, long delay, LinkModel m) {
        Link l = new Link(0, "l", loop, pool, TraceSink.NONE, new SplittableRandom(1), rate, delay, Long.MAX_VALUE,
                Integer.MAX_VALUE, 0);
        l.setModel(m);
        return l;
    }

    private static LinkModel traced(int... ms) {
        return new LinkModel(new DeliveryTrace(ms), null, null, null, false);
    }

    private void offer(Link l, int size, int seq) {
        Packet p = pool.take();
        p.size = size;
        p.seq = seq;
        p.route = new PacketSink[] {l, sink};
        p.hop = 0;
        l.receive(p);
    }

    /** Offers one packet at absolute time {@code t}. */
    private void offerAt(Link l, long t, int size, int seq) {
        loop.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                offer(l, size, seq);
            }
        }, t);
    }

    @Test
    void oneOpportunityPerMillisecondCarriesOneFullPacketEach() {
        // trace "1": one opportunity at 1 ms, period 1 ms, so opportunities at 1, 2, 3, ... ms; three
        // 1500 B packets offered at 0 leave at 1, 2, 3 ms and arrive 5 ms later
        DeliveryTrace t = new DeliveryTrace(new int[] {1});
        assertEquals(12_000_000L, t.meanRateBps()); // 1500 B x 8 / 1 ms
        Link l = link(t.meanRateBps(), Time.ms(5), new LinkModel(t, null, null, null, false));
        for (int i = 0; i < 3; i++) {
            offer(l, 1500, i);
        }
        assertEquals(3, l.queuePackets());
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(Time.ms(6), Time.ms(7), Time.ms(8)), arrivals);
        assertEquals(4500, l.txBytes());
    }

    @Test
    void smallPacketsShareAnOpportunityAndLargeOnesSpanTwo() {
        // Mahimahi's byte accounting: one opportunity carries 1500 bytes in FIFO order
        Link l = link(12_000_000L, 0, traced(1));
        for (int i = 0; i < 20; i++) {
            offer(l, 75, i); // 20 x 75 = 1500 B: all in the opportunity at 1 ms
        }
        offer(l, 1000, 20); // 1000 B at 2 ms, leaving 500 B
        offer(l, 1000, 21); // 500 B at 2 ms + 500 B at 3 ms: leaves at 3 ms
        offer(l, 1000, 22); // 1000 of the 1000 B left at 3 ms: leaves at 3 ms
        offer(l, 1, 23); // the 3 ms opportunity is used up: 4 ms
        loop.run(Long.MAX_VALUE);
        for (int i = 0; i < 20; i++) {
            assertEquals(Time.ms(1), arrivals.get(i));
        }
        assertEquals(List.of(Time.ms(2), Time.ms(3), Time.ms(3), Time.ms(4)), arrivals.subList(20, 24));
    }

    @Test
    void aPacketUsesOnlyOpportunitiesAfterItsArrivalAndUnusedOnesAreLost() {
        // trace [5, 10]: opportunities at 5, 10, 15, 20, ... ms (period 10)
        Link l = link(2_400_000L, 0, traced(5, 10));
        offerAt(l, Time.ms(5), 1500, 0); // the 5 ms opportunity is burned before it is queued: 10 ms
        offerAt(l, Time.ms(12), 100, 1); // 15 ms (the 10 ms one's unused bytes are gone)
        offerAt(l, Time.ms(14), 100, 2); // shares the 15 ms opportunity (1400 B left, ahead of 14 ms)
        offerAt(l, Time.ms(37), 1500, 3); // next after 37 ms: 40 ms (cycle 3, timestamp 10)
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(Time.ms(10), Time.ms(15), Time.ms(15), Time.ms(40)), arrivals);
    }

    @Test
    void theTraceRepeatsWithItsLastTimestampAsPeriodAndRepeatedLinesAreSeveralOpportunities() {
        // [0, 0, 2]: two opportunities at 0 and one at 2, period 2: at 0, 0, 2, 2, 2, 4, 4, 4, ... ms
        // (a repetition's 0 falls on the previous one's last timestamp, as in Mahimahi)
        DeliveryTrace t = new DeliveryTrace(new int[] {0, 0, 2});
        assertEquals(List.of(0L, 0L, 2L, 2L, 2L, 4L, 4L, 4L), times(t, 8));
        assertEquals(0, t.firstAfter(-1)); // before 0: the first opportunity
        assertEquals(2, t.firstAfter(0)); // strictly after 0 ms: the one at 2 ms
        assertEquals(5, t.firstAfter(Time.ms(2))); // strictly after 2 ms: the cycle-2 pair at 4 ms
        assertEquals(5, t.firstAfter(Time.ms(3) + 7));
        Link l = link(t.meanRateBps(), 0, new LinkModel(t, null, null, null, false));
        offerAt(l, Time.ms(1), 1500, 0);
        offerAt(l, Time.ms(1), 1500, 1);
        offerAt(l, Time.ms(1), 1500, 2);
        offerAt(l, Time.ms(1), 1500, 3);
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of(Time.ms(2), Time.ms(2), Time.ms(2), Time.ms(4)), arrivals);
    }

    private static List<Long> times(DeliveryTrace t, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(t.timePs(i) / Time.PS_PER_MS);
        }
        return out;
    }

    @Test
    void badTracesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DeliveryTrace(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryTrace(new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryTrace(new int[] {3, 2}));
    }

    @Test
    void aTracedLinkHasNoRateToChange() {
        Link l = link(12_000_000L, 0, traced(1));
        assertThrows(IllegalStateException.class, () -> l.setRate(1_000_000L));
    }

    @Test
    void aTracedLinkGoingDownDropsWhatItHoldsAndRestartsOnTheTrace() {
        Link l = link(12_000_000L, Time.ms(10), traced(1));
        for (int i = 0; i < 3; i++) {
            offer(l, 1500, i);
        }
        loop.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                l.setUp(false);
                l.setUp(true);
                offer(l, 1500, 9);
            }
        }, Time.ms(2) + 1);
        loop.run(Long.MAX_VALUE);
        // going down drops everything the link holds: 0 and 1 (in the pipe, left at 1 and 2 ms) and 2 (queued);
        // packet 9, offered just after 2 ms, takes the next opportunity, at 3 ms
        assertEquals(List.of(9), order);
        assertEquals(List.of(Time.ms(13)), arrivals);
        assertEquals(3, l.drops());
    }

    /**
     * Simple Gilbert (h = 0, k = 1): losses are exactly the bad-state packets. With p = 0.01, r = 0.25
     * the stationary loss rate is p / (p + r) = 0.03846 and loss bursts (bad sojourns) are geometric
     * with mean 1 / r = 4 and variance (1 - r) / r^2 = 12.
     * Bounds (5 standard deviations, so a correct model fails about once in 1.7 million seeds): the
     * loss indicator is a two-state Markov chain with second eigenvalue lambda = 1 - p - r = 0.74, so the
     * variance of its mean over N = 1e6 packets is pi (1 - pi) / N x (1 + lambda) / (1 - lambda)
     * = 0.03698e-6 x 6.69 = 2.47e-7, sd 4.97e-4 -> +-0.0025. About N pi r = 9615 bursts, so the mean
     * burst length has sd sqrt(12 / 9615) = 0.0353 -> +-0.18.
     */
    @Test
    void simpleGilbertBurstLengthsAndLossRateMatchTheModel() {
        GilbertElliott g = new GilbertElliott(0.01, 0.25, 0, 1);
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 1_000_000;
        long lost = 0;
        long bursts = 0;
        long inBursts = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            if (g.drop(rnd)) {
                lost++;
                run++;
            } else if (run > 0) {
                bursts++;
                inBursts += run;
                run = 0;
            }
        }
        double rate = lost / (double) n;
        double meanBurst = inBursts / (double) bursts;
        assertEquals(0.01 / 0.26, rate, 0.0025, "loss rate");
        assertEquals(4.0, meanBurst, 0.18, "mean burst length (1/r)");
    }

    /**
     * The full model with h = 0.3, k = 0.99, p = 0.02, r = 0.2: pi_B = 0.02 / 0.22 = 0.0909, loss rate =
     * pi_G (1 - k) + pi_B (1 - h) = 0.9091 x 0.01 + 0.0909 x 0.7 = 0.07273. The loss indicator's variance
     * is at most that of the state chain's contribution plus independent Bernoulli noise:
     * (1 - h - (1 - k))^2 pi (1 - pi) / N x (1 + lambda)/(1 - lambda) + rate (1 - rate) / N with lambda = 0.78,
     * N = 1e6: 0.476 x 0.0826e-6 x 8.09 + 0.0674e-6 = 3.86e-7, sd 6.2e-4 -> 5 sd = 0.0031.
     */
    @Test
    void gilbertElliottLossRateMatchesTheStationaryMix() {
        GilbertElliott g = new GilbertElliott(0.02, 0.2, 0.3, 0.99);
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1_000_000;
        long lost = 0;
        for (int i = 0; i < n; i++) {
            lost += g.drop(rnd) ? 1 : 0;
        }
        double piB = 0.02 / 0.22;
        assertEquals((1 - piB) * 0.01 + piB * 0.7, lost / (double) n, 0.0031);
    }

    @Test
    void gilbertLossOnALinkIsDrawnFromTheLinksStreamAndDeterministic() {
        List<Integer> a = survivors(5);
        List<Integer> b = survivors(5);
        assertEquals(a, b, "same seed, same losses");
        // Simple Gilbert p = 0.01, r = 0.25 (every bad-state packet lost, none in good): P(bad) =
        // 0.01 / 0.26 = 3.85 %, so 385 of 10 000 lost on average, 9615 arrive. Losses come in ~96 bursts
        // (10 000 x P(good) x p) of geometric length, mean 1/r = 4, E[L^2] = (2 - r) / r^2 = 28: sd of
        // the count ~ sqrt(96 x 28) = 52. (9000, 10000) is > 7 sd either side: it fails only if the
        // model drops nothing or far too much, whatever the seed.
        assertTrue(a.size() < 10_000 && a.size() > 9_000, a.size() + " of 10000 arrived");
    }

    private List<Integer> survivors(long seed) {
        EventLoop lp = new EventLoop();
        List<Integer> got = new ArrayList<>();
        PacketSink s = p -> {
            got.add(p.seq);
            pool.release(p);
        };
        Link l = new Link(0, "l", lp, pool, TraceSink.NONE, new SplittableRandom(seed), 1_000_000_000L, 0,
                Long.MAX_VALUE, Integer.MAX_VALUE, 0);
        l.setModel(new LinkModel(null, new GilbertElliott(0.01, 0.25, 0, 1), null, null, false));
        for (int i = 0; i < 10_000; i++) {
            Packet p = pool.take();
            p.size = 100;
            p.seq = i;
            p.route = new PacketSink[] {l, s};
            p.hop = 0;
            l.receive(p);
        }
        lp.run(Long.MAX_VALUE);
        assertEquals(10_000 - got.size(), l.drops());
        return got;
    }

    /**
     * 1000 packets 1 ms apart, 1500 B at 1 Gbit/s (12 us each), 10 ms delay, uniform jitter in [0, 10 ms).
     * Without reorder they arrive in order, none before its own departure + delay and each at the later of
     * that plus its jitter and the previous arrival, so below own + 10 ms (every earlier packet's own time
     * plus jitter is below it). With reorder each arrives at exactly its own time and
     * adjacent pairs swap when J(i+1) + 1 ms < J(i): probability (9/10)^2 / 2 = 0.405, 405 of 999 pairs
     * expected; the indicators are 1-dependent, variance at most 3 x 999 x 0.405 x 0.595 = 722, sd 27, so
     * 405 +- 135 (5 sd).
     */
    @Test
    void jitterKeepsFifoOrderWithoutReorder() {
        long[] fifo = runJitter(false);
        for (int i = 1; i < order.size(); i++) {
            assertEquals(i, order.get(i), "FIFO order");
            assertTrue(arrivals.get(i) >= arrivals.get(i - 1));
        }
        long spread = 0;
        for (int i = 0; i < fifo.length; i++) {
            long own = Time.ms(i) + Time.us(12) + Time.ms(10);
            assertTrue(fifo[i] >= own && fifo[i] < own + Time.ms(10), "arrival " + i);
            spread = Math.max(spread, fifo[i] - own);
        }
        assertTrue(spread > Time.ms(5), "jitter applied: " + spread);
    }

    /** The same with {@code reorder}: see {@link #jitterKeepsFifoOrderWithoutReorder}. */
    @Test
    void jitterReordersWithReorder() {
        runJitter(true);
        int swaps = 0;
        for (int i = 1; i < order.size(); i++) {
            assertTrue(arrivals.get(i) >= arrivals.get(i - 1), "delivered by arrival time");
            if (order.get(i) < order.get(i - 1)) {
                swaps++;
            }
        }
        assertEquals(1000, order.size());
        assertTrue(Math.abs(swaps - 405) <= 135, swaps + " adjacent inversions, 405 expected");
    }

    private long[] runJitter(boolean reorder) {
        Link l = link(1_000_000_000L, Time.ms(10),
                new LinkModel(null, null, DelayJitter.uniform(Time.ms(10)), new SplittableRandom(3), reorder));
        for (int i = 0; i < 1000; i++) {
            offerAt(l, Time.ms(i), 1500, i);
        }
        loop.run(Long.MAX_VALUE);
        long[] bySeq = new long[1000];
        for (int i = 0; i < order.size(); i++) {
            bySeq[order.get(i)] = arrivals.get(i);
        }
        return bySeq;
    }

    @Test
    void reorderedDeliveryMatchesEachPacketsOwnDrawnTime() {
        // the same jitter stream drawn by hand: departure i = i ms + 12 us, arrival = that + 10 ms + J_i
        runJitter(true);
        SplittableRandom rnd = new SplittableRandom(3);
        DelayJitter j = DelayJitter.uniform(Time.ms(10));
        long[] expect = new long[1000];
        for (int i = 0; i < 1000; i++) {
            expect[i] = Time.ms(i) + Time.us(12) + Time.ms(10) + j.draw(rnd);
        }
        for (int i = 0; i < order.size(); i++) {
            assertEquals(expect[order.get(i)], arrivals.get(i));
        }
    }

    /**
     * A model that changes nothing (Gilbert-Elliott with p = 0: no draw, no loss) takes the modelled path
     * and must time every packet as the fixed-rate path does, with drop-tail and with tbf's token bucket,
     * host send jitter, a small buffer that overflows and a rate change mid-run.
     */
    @Test
    void aNeutralModelTimesPacketsAsTheFixedRatePath() {
        for (Link.Qdisc q : Link.Qdisc.values()) {
            assertEquals(neutralRun(q, false), neutralRun(q, true), q.name());
        }
    }

    private List<Long> neutralRun(Link.Qdisc q, boolean modelled) {
        EventLoop lp = new EventLoop();
        List<Long> got = new ArrayList<>();
        PacketSink s = p -> {
            got.add(p.seq * 1_000_000_000_000L + lp.nowPs());
            pool.release(p);
        };
        Link l = new Link(0, "l", lp, pool, TraceSink.NONE, new SplittableRandom(4), 12_000_000L, Time.ms(3),
                Long.MAX_VALUE, 8, 0);
        if (modelled) {
            l.setModel(new LinkModel(null, new GilbertElliott(0, 1, 0, 1), null, null, false));
        }
        l.setQdisc(q);
        l.setJitter(Time.us(300));
        SplittableRandom times = new SplittableRandom(8);
        long t = 0;
        for (int i = 0; i < 400; i++) {
            t += times.nextLong(Time.us(1500));
            int seq = i;
            int size = times.nextInt(4) == 0 ? 66 : 1500;
            lp.schedule(new Event() {
                @Override
                protected void onEvent(long now) {
                    Packet p = pool.take();
                    p.size = size;
                    p.seq = seq;
                    p.route = new PacketSink[] {l, s};
                    p.hop = 0;
                    l.receive(p);
                }
            }, t);
        }
        lp.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                l.setRate(6_000_000L);
            }
        }, t / 2);
        lp.run(Long.MAX_VALUE);
        got.add(l.drops());
        return got;
    }

    @Test
    void rateChangeKeepsEachQueuedPacketsJitter() {
        Link l = link(12_000_000L, 0, new LinkModel(null, null, DelayJitter.uniform(Time.ms(1)),
                new SplittableRandom(9), true));
        for (int i = 0; i < 5; i++) {
            offer(l, 1500, i);
        }
        l.setRate(6_000_000L); // at 0: packet 0 in service keeps its 1 ms, the others take 2 ms each
        loop.run(Long.MAX_VALUE);
        SplittableRandom rnd = new SplittableRandom(9);
        DelayJitter j = DelayJitter.uniform(Time.ms(1));
        long[] finish = {Time.ms(1), Time.ms(3), Time.ms(5), Time.ms(7), Time.ms(9)};
        for (int i = 0; i < order.size(); i++) {
            // draws in acceptance order
            assertTrue(arrivals.get(i) >= finish[order.get(i)]);
        }
        List<Long> expect = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expect.add(finish[i] + j.draw(rnd));
        }
        List<Long> got = new ArrayList<>(arrivals);
        expect.sort(null);
        assertEquals(expect, got);
    }

    @Test
    void distributionsHaveTheirMeans() {
        // 200 000 draws; sd of the mean = sd / sqrt(n): exponential (sd = mean 1 ms) 2.2 us, normal clipped
        // (mean 5 ms, sd 1 ms: clipping at 0 is 5 sd away, negligible) 2.2 us, uniform [2, 4) ms 1.3 us;
        // pareto with shape 3 has sd = mean x sqrt(alpha / (alpha - 2)) = 1.73 ms, 3.9 us; 5 sd bounds
        SplittableRandom rnd = new SplittableRandom(11);
        assertEquals(Time.ms(1), mean(new DelayJitter(DelayJitter.Dist.EXPONENTIAL, Time.ms(1), 0, 0,
                DelayJitter.HARD_CAP_PS), rnd), 11_200_000);
        assertEquals(Time.ms(5), mean(new DelayJitter(DelayJitter.Dist.NORMAL, Time.ms(5), Time.ms(1), 0,
                DelayJitter.HARD_CAP_PS), rnd), 11_200_000);
        assertEquals(Time.ms(3), mean(new DelayJitter(DelayJitter.Dist.UNIFORM, Time.ms(2), 0, 0, Time.ms(4)), rnd),
                6_500_000);
        assertEquals(Time.ms(1), mean(new DelayJitter(DelayJitter.Dist.PARETO, Time.ms(1), 0, 3,
                DelayJitter.HARD_CAP_PS), rnd), 20_000_000);
        // a cap bounds every draw
        DelayJitter capped = new DelayJitter(DelayJitter.Dist.EXPONENTIAL, Time.ms(1), 0, 0, Time.ms(2));
        for (int i = 0; i < 10_000; i++) {
            assertTrue(capped.draw(rnd) <= Time.ms(2));
        }
    }

    private static double mean(DelayJitter d, SplittableRandom rnd) {
        double s = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            s += d.draw(rnd);
        }
        return s / n;
    }

    /**
     * The modelled path allocates nothing per packet: after a warm-up, 200 000 packets through a traced,
     * Gilbert-lossy, jittered and reordering link allocate at most the measurement's noise (one object per
     * packet would be >= 3.2 MB).
     */
    @Test
    void theModelledPathDoesNotAllocatePerPacket() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        PacketSink drop = pool::release;
        PacketSink[] route = {null, drop};
        Link l = new Link(0, "l", loop, pool, TraceSink.NONE, new SplittableRandom(1), 12_000_000L, Time.ms(5),
                Long.MAX_VALUE, 100, 0);
        l.setModel(new LinkModel(new DeliveryTrace(new int[] {1, 1, 3, 7, 8}), new GilbertElliott(0.01, 0.3, 0, 1),
                new DelayJitter(DelayJitter.Dist.NORMAL, Time.ms(2), Time.ms(1), 0, Time.ms(20)),
                new SplittableRandom(2), true));
        route[0] = l;
        Source source = new Source(l, route);
        source.start(200_000);
        loop.run(Time.s(200));
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        source.start(200_000);
        loop.run(Time.s(400));
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
    }

    /** Offers {@code n} packets 0.7 ms apart, every fourth an ACK-sized 66 B. */
    private final class Source extends Event {
        private final Link l;
        private final PacketSink[] route;
        private int left;

        Source(Link l, PacketSink[] route) {
            this.l = l;
            this.route = route;
        }

        void start(int n) {
            left = n;
            loop.schedule(this, loop.nowPs());
        }

        @Override
        protected void onEvent(long now) {
            Packet p = pool.take();
            p.size = (left & 3) == 0 ? 66 : 1500;
            p.route = route;
            p.hop = 0;
            l.receive(p);
            if (--left > 0) {
                loop.schedule(this, now + 700_000_000L);
            }
        }
    }
}
