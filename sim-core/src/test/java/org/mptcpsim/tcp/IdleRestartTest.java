package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;

/** {@code tcp_slow_start_after_idle_check} / {@code tcp_cwnd_restart} (net/ipv4/tcp_output.c). */
class IdleRestartTest {
    long now;

    /** A reno socket idle since jiffy {@code lsnd}, RTO 200 ms, cwnd 80, ssthresh 50. */
    TcpSock sock(int lsnd) {
        TcpSock sk = new TcpSock(() -> now, null, 0, 1448);
        sk.sndCwnd = 80;
        sk.sndSsthresh = 50;
        sk.icskRtoUs = 200_000;
        sk.lsndtime = lsnd;
        return sk;
    }

    @Test
    void cwndHalvesOncePerRtoOfIdleBeyondTheFirstDownToTheRestartWindow() {
        EventCountingReno ca = new EventCountingReno("events", CaEvent.CWND_RESTART);
        // idle 500 ms, RTO 200 ms: delta 500 > 200 -> restart. The loop subtracts an RTO before each
        // halving: 300 > 0 -> 40, 100 > 0 -> 20, -100 stops: cwnd 20 (above the restart window 10).
        // ssthresh = tcp_current_ssthresh = max(50, (80 >> 1) + (80 >> 2)) = 60, taken before the cut.
        now = Time.ms(1500);
        TcpSock sk = sock(1000);
        assertTrue(IdleRestart.check(sk, ca));
        assertEquals(20, sk.sndCwnd);
        assertEquals(60, sk.sndSsthresh);
        assertEquals(1500, sk.sndCwndStamp);
        assertEquals(1, ca.count);
        // idle 700 ms: 500 -> 40, 300 -> 20, 100 -> 10, then cwnd 10 is not above the restart window: 10
        now = Time.ms(1700);
        sk = sock(1000);
        assertTrue(IdleRestart.check(sk, ca));
        assertEquals(10, sk.sndCwnd);
        // a long idle never goes below min(TCP_INIT_CWND, cwnd): with cwnd 6 it stays 6
        now = Time.ms(60_000);
        sk = sock(1000);
        sk.sndCwnd = 6;
        assertTrue(IdleRestart.check(sk, ca));
        assertEquals(6, sk.sndCwnd);
    }

    @Test
    void noRestartWithinAnRtoOrWithDataInFlight() {
        EventCountingReno ca = new EventCountingReno("events", CaEvent.CWND_RESTART);
        // delta must exceed the RTO strictly: 200 ms of idle with RTO 200 ms keeps cwnd
        now = Time.ms(1200);
        TcpSock sk = sock(1000);
        assertFalse(IdleRestart.check(sk, ca));
        assertEquals(80, sk.sndCwnd);
        // packets_out != 0: not idle, whatever lsndtime says
        now = Time.ms(5000);
        sk = sock(1000);
        sk.packetsOut = 1;
        assertFalse(IdleRestart.check(sk, ca));
        assertEquals(80, sk.sndCwnd);
        assertEquals(0, ca.count);
    }
}
