package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;

/**
 * TCP Small Queues ({@code tcp_small_queue_check}): a socket sends while
 * {@code 1 + sum of truesize not yet freed <= max(2 x truesize, sk_pacing_rate >> 10)}, a one-segment skb's truesize
 * being 1448 + 896 = 2344 B; the segments one instant sent are freed when it ends, and a throttled socket resumes
 * 0.2-1 x sim.tsq_resume_us later.
 */
class SmallQueuesTest {
    static final int MSS = 1448;
    final EventLoop loop = new EventLoop();
    final List<Long> resumes = new ArrayList<>();

    TcpSock sock(long pacingRateBytesPerS) {
        TcpSock sk = new TcpSock(loop, null, 0, MSS);
        sk.skPacingRate = pacingRateBytesPerS;
        return sk;
    }

    SmallQueues tsq(long resumeMaxUs) {
        return new SmallQueues(loop, resumeMaxUs, Flavour.UPSTREAM, 7, () -> resumes.add(loop.nowPs()), "test");
    }

    /** How many segments one instant at {@code at} may send (the burst of one ACK). */
    int burst(SmallQueues q, TcpSock sk, long at) {
        int[] n = {0};
        loop.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                while (n[0] < 100 && q.mayQueue(sk)) {
                    q.onSent(now);
                    n[0]++;
                }
            }
        }, at);
        loop.run(at);
        return n[0];
    }

    @Test
    void aSlowSocketSendsTwoSegmentsPerInstantAndTheRestAfterTheResumeDelay() {
        // no pacing rate yet: limit = 2 x 2344 = 4688 B; queued 0 and 1 pass (1, 2345 B), queued 2 (4689 B) does not
        TcpSock sk = sock(0);
        SmallQueues q = tsq(4800);
        long t0 = Time.ms(1);
        assertEquals(2, burst(q, sk, t0), "a cwnd increase's third segment waits, as the kernel's never leaves with the pair");
        loop.run(Time.ms(20));
        assertEquals(1, resumes.size());
        long t = resumes.get(0) - t0;
        assertTrue(t >= Time.us(960) && t <= Time.us(4800) + 1, "resumed " + t + " ps later, in [v/5, v] for v = 4800 us");
        assertTrue(q.mayQueue(sk), "the earlier instant's segments are freed");
    }

    @Test
    void aFastSocketMaySendAboutOneMillisecondOfItsPacingRateAtOnce() {
        // pacing 7.3 MB/s: limit = 7_300_000 >> 10 = 7128 B: queued 0..3 (1 / 2345 / 4689 / 7033 B) pass, 4 (9377 B) does not
        assertEquals(4, burst(tsq(4800), sock(7_300_000L), Time.ms(1)));
        // 1 Gbit/s with 1.2 x pacing: 150 MB/s >> 10 = 146484 B: 1 + 62 x 2344 = 145329 passes, 1 + 63 x 2344 does not
        assertEquals(63, burst(tsq(4800), sock(150_000_000L), Time.ms(1)));
    }

    @Test
    void theNextInstantStartsAfresh() {
        TcpSock sk = sock(0);
        SmallQueues q = tsq(4800);
        assertEquals(2, burst(q, sk, Time.ms(1)));
        assertEquals(2, burst(q, sk, Time.ms(1) + 1), "one picosecond later the first pair has been freed");
        loop.run(Time.ms(20));
        assertEquals(1, resumes.size(), "one resumption pending at a time");
        assertTrue(resumes.get(0) >= Time.ms(1) + Time.us(960), "none before the delay's lower end");
    }
}
