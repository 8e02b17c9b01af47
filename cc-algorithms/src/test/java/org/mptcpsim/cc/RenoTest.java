package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;

/** reno (tcp_reno_*) as a pure state machine. */
class RenoTest {
    final Net net = new Net();
    final Reno cc = new Reno();

    /** Slow start: cwnd 10 + acked 2 = 12 (below ssthresh). */
    @Test
    void slowStart() {
        TcpSock sk = net.tcp(10, 8 * 10_000);
        cc.congAvoid(sk, 0, 2);
        assertEquals(12, sk.sndCwnd);
    }

    /**
     * Crossing ssthresh 11 with acked 3: slow start to 11, leftover 2 goes to
     * tcp_cong_avoid_ai(11, 2): cnt 2 < 11, cwnd 11.
     */
    @Test
    void slowStartLeftoverCounts() {
        TcpSock sk = net.tcp(10, 8 * 10_000);
        sk.sndSsthresh = 11;
        cc.congAvoid(sk, 0, 3);
        assertEquals(11, sk.sndCwnd);
        assertEquals(2, sk.sndCwndCnt);
    }

    /** CA counts packets: cnt 8 + 2 = 10 >= w 10 -> cwnd 11, cnt 0. */
    @Test
    void congestionAvoidanceCountsPackets() {
        TcpSock sk = net.tcp(10, 8 * 10_000);
        Net.ca(sk, 5);
        sk.sndCwndCnt = 8;
        cc.congAvoid(sk, 0, 2);
        assertEquals(11, sk.sndCwnd);
        assertEquals(0, sk.sndCwndCnt);
    }

    /** Not cwnd-limited: no growth. */
    @Test
    void notCwndLimited() {
        TcpSock sk = net.tcp(10, 8 * 10_000);
        sk.maxPacketsOut = 5; // slow start: 10 < 2*5 is false
        cc.congAvoid(sk, 0, 2);
        assertEquals(10, sk.sndCwnd);
    }

    /**
     * Fast retransmit at 3: ssthresh max(3 >> 1, 2) = 2; RTO at 40: ssthresh 20, cwnd 1, Loss;
     * undo = max(cwnd 1, prior_cwnd 40) = 40. An MPTCP subflow is not coupled.
     */
    @Test
    void lossAndUndo() {
        TcpSock sk = net.subflow(new MptcpCb(), 3, 8 * 10_000);
        Net.fastRetransmit(sk, cc);
        assertEquals(2, sk.sndSsthresh);
        sk.sndCwnd = 40;
        sk.caState = CaState.OPEN;
        Net.rto(sk, cc);
        assertEquals(20, sk.sndSsthresh);
        assertEquals(1, sk.sndCwnd);
        assertEquals(40, cc.undoCwnd(sk));
    }
}
