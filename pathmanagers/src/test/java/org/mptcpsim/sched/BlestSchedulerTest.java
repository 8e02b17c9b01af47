package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.testnet.HandBuilt;

/**
 * BLEST's hold-back decision and λ, worked by hand from {@code net/mptcp/mptcp_blest.c}
 * ({@code blest_get_available_subflow}, {@code blestsched_update_lambda}).
 */
class BlestSchedulerTest {

    private static BlestScheduler defaults() {
        return (BlestScheduler) new BlestScheduler.Factory().create(Map.<String, String>of()::get);
    }

    /** Fast subflow (10 ms) busy, slow one (100 ms) idle; meta window {@code wnd} segments. */
    private static Subflow[] setUp(HandBuilt h, int fastSsthresh, int wnd) {
        Subflow slow = h.subflow(100, 10, false);
        Subflow fast = h.subflow(10, 10, false);
        fast.sk.sndSsthresh = fastSsthresh;
        fast.sk.packetsOut = 10; // in flight 10 = cwnd: the default scheduler picks the slow subflow
        h.meta.onDataAck(fast, 0, wnd);
        return new Subflow[] {fast, slow};
    }

    @Test
    void holdsBackInInitialSlowStart() {
        // srtt (x8): fast 80 000, slow 800 000 -> min = max per subflow.
        // linger(slow) = min + (max - min) * 1 / 10 = 800 000 (in flight + 1 = 1 < cwnd 10)
        // n = 800 000 / avg(80 000, 80 000) + 1 = 11; ssthresh infinite: packets = 10 * (2^11 - 1) = 20 470
        // fast_bytes = 20 470 * 1420 * 1200 / 1000 = 34 880 880 > any window of 1000 segments -> NULL
        HandBuilt h = new HandBuilt(defaults());
        setUp(h, TcpSock.INFINITE_SSTHRESH, 1000);
        assertNull(h.next());
        assertEquals(1, ((BlestScheduler) h.meta.scheduler()).heldBack());
    }

    @Test
    void congestionAvoidanceEstimateAgainstTheMetaWindow() {
        // fast in CA, ssthresh 20: c = max(10, 21) = 21; packets = (21 + (11 - 1) / 2) * 11 = 286
        // fast_bytes = 286 * 1420 * 1200 / 1000 = 487 344
        // avail = wnd * 1420 - (1420 + 0 in flight on slow)
        // wnd 345: 489 900 - 1420 = 488 480 >= 487 344 -> send on the slow subflow
        // wnd 344: 488 480 - 1420 = 487 060 <  487 344 -> hold back
        HandBuilt ok = new HandBuilt(defaults());
        Subflow[] s = setUp(ok, 20, 345);
        assertSame(s[1], ok.next());
        HandBuilt hold = new HandBuilt(defaults());
        setUp(hold, 20, 344);
        assertNull(hold.next());
    }

    @Test
    void noHoldBackWhenTheFastestSubflowIsTheChoice() {
        HandBuilt h = new HandBuilt(defaults());
        Subflow[] s = setUp(h, TcpSock.INFINITE_SSTHRESH, 10);
        s[0].sk.packetsOut = 0; // fast has room: default picks it = minsk
        assertSame(s[0], h.next());
    }

    @Test
    void lambdaDecreasesOncePerMinSrttOfTheChosenSubflowDownToMinLambda() {
        // updates need now - last >= usecs_to_jiffies(min_srtt(slow) >> 3) = 100 jiffies (ms)
        HandBuilt h = new HandBuilt(defaults());
        setUp(h, TcpSock.INFINITE_SSTHRESH, 1000);
        BlestScheduler b = (BlestScheduler) h.meta.scheduler();
        h.at(99);
        h.next();
        assertEquals(1200, b.lambda1000()); // 99 < 100: no update
        h.at(100);
        h.next();
        assertEquals(1190, b.lambda1000()); // no retransmission flag: - dyn_lambda_good (10)
        h.at(150);
        h.next();
        assertEquals(1190, b.lambda1000()); // 50 ms since the last update
        for (int t = 200; t <= 3000; t += 100) {
            h.at(t);
            h.next();
        }
        assertEquals(1000, b.lambda1000()); // clamped at min_lambda * 100
    }
}
