package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.CaEvent;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;

/**
 * BALIA (mptcp_balia.c) as a pure state machine; vectors worked by hand from mptcp_balia.c's integer arithmetic.
 * Rates x_s = floor(mss_r * cwnd_s * 8e6 / srtt_s) with mss 1000 (bytes per second).
 */
class BaliaTest {
    static final int MSS = 1000;
    static final int SRTT_10MS = 8 * 10_000;
    static final int SRTT_40MS = 8 * 40_000;

    final Net net = new Net();
    final MptcpCb mpcb = new MptcpCb();
    TcpSock a;
    Balia ccA;

    @BeforeEach
    void masterSubflow() {
        // A (master): cwnd 10, 10 ms -> x_A = 1000*10*8e6/80000 = 1 000 000
        a = net.subflow(mpcb, 10, SRTT_10MS);
        a.mssCache = MSS;
        ccA = balia(a);
    }

    private Balia balia(TcpSock sk) {
        Balia cc = new Balia();
        cc.init(sk);
        return cc;
    }

    private TcpSock joinB(int cwnd) {
        TcpSock b = net.subflow(mpcb, cwnd, SRTT_40MS);
        b.mssCache = MSS;
        return b;
    }

    /**
     * B (newest) cwnd 20, 40 ms: x_B = 1000*20*8e6/320000 = 500 000; X = 1 500 000, M = 1 000 000.
     * B: alpha = floor(1e6/5e5) = 2; ai = floor(X^2*10/(x_B+M)) = floor(2.25e13/1.5e6) = 15 000 000,
     * ai = floor(15e6*20/(4*5e5 + 1e6)) = floor(3e8/3e6) = 100; md = floor(10*min(2048,1536)/1024) = 15.
     * A: alpha = 1; ai = floor(2.25e13/2e6) = 11 250 000, floor(11.25e6*10/5e6) = 22;
     * md = floor(5*1024/1024) = 5.
     */
    @Test
    void recalcTwoPaths() {
        TcpSock b = joinB(20);
        Balia ccB = balia(b);
        ccB.cwndEvent(b, CaEvent.COMPLETE_CWR);
        ccA.cwndEvent(a, CaEvent.COMPLETE_CWR);
        assertEquals(100, ccB.ai());
        assertEquals(15, ccB.md());
        assertEquals(22, ccA.ai());
        assertEquals(5, ccA.md());
        // loss on B: ssthresh = max(20 - 15, 1) = 5 (paper: 20 - 10*min(2, 1.5) = 5)
        assertEquals(5, ccB.ssthresh(b));
    }

    /**
     * Congestion avoidance counts ACKs against T = ai = 100: cnt 99 -> 100 (no increase), then
     * +1 with recalculation at cwnd 21: x_B = 525 000, X = 1 525 000, alpha = floor(1e6/525000) = 1,
     * ai = floor(floor(1525000^2*10/1525000)*21/(2.1e6+1e6)) = floor(320 250 000/3 100 000) = 103,
     * md = floor(10*1024/1024) = 10.
     */
    @Test
    void congestionAvoidanceUsesAiThreshold() {
        TcpSock b = joinB(20);
        Balia ccB = balia(b);
        Net.ca(b, 5);
        ccB.cwndEvent(b, CaEvent.COMPLETE_CWR);
        b.sndCwndCnt = 99;
        ccB.congAvoid(b, 0, 2); // a delayed ACK still counts once
        assertEquals(20, b.sndCwnd);
        assertEquals(100, b.sndCwndCnt);
        ccB.congAvoid(b, 0, 1);
        assertEquals(21, b.sndCwnd);
        assertEquals(0, b.sndCwndCnt);
        assertEquals(103, ccB.ai());
        assertEquals(10, ccB.md());
    }

    /**
     * Quirk: integer alpha in md. B cwnd 24 at 40 ms: x_B = 600 000, real ratio M/x_B = 1.67, the
     * paper removes w/2*min(1.67, 1.5) = 18 packets (ssthresh 6); the kernel's
     * alpha = floor(1e6/6e5) = 1, md = floor(12*1024/1024) = 12, ssthresh = 24 - 12 = 12 (halving).
     */
    @Test
    void integerLossRatioHalvesWhenRateRatioBelowTwo() {
        TcpSock b = joinB(24);
        Balia ccB = balia(b);
        ccB.cwndEvent(b, CaEvent.COMPLETE_CWR);
        assertEquals(12, ccB.md());
        Net.fastRetransmit(b, ccB);
        assertEquals(12, b.sndSsthresh);
        assertEquals(CaState.RECOVERY, b.caState);
    }

    /**
     * Quirk: ssthresh floor 1 (Reno's is 2). B cwnd 2 at 40 ms: x_B = 50 000, alpha = floor(1e6/5e4)
     * = 20, md = floor((2>>1)*1536/1024) = 1, ssthresh = max(2 - 1, 1) = 1.
     */
    @Test
    void ssthreshFloorIsOne() {
        TcpSock b = joinB(2);
        Balia ccB = balia(b);
        ccB.cwndEvent(b, CaEvent.COMPLETE_CWR);
        assertEquals(1, ccB.md());
        assertEquals(1, ccB.ssthresh(b));
        assertEquals(2, new Reno().ssthresh(b), "Reno would give max(2 >> 1, 2) = 2");
    }

    /** Before any recalculation md = 0 (init), so a loss leaves ssthresh = cwnd - 0 = 10. */
    @Test
    void lossBeforeAnyRecalcKeepsCwnd() {
        assertEquals(0, ccA.md());
        assertEquals(10, ccA.ssthresh(a));
    }

    /**
     * Quirk: md is cached. B recalculated at cwnd 20 (md 15), then PRR brought cwnd to 10 without
     * a recalculation; an RTO now computes cwnd - md = 10 - 15 in u32, which wraps to 2^32 - 5;
     * held as TCP_INFINITE_SSTHRESH (the subflow stays in slow start). CA_EVENT_LOSS then
     * recalculates with the pre-RTO cwnd 10: x_B = 250 000, alpha = 4, md = floor(5*1536/1024) = 7.
     */
    @Test
    void staleMdAboveCwndWrapsSsthreshToInfinite() {
        TcpSock b = joinB(20);
        Balia ccB = balia(b);
        ccB.cwndEvent(b, CaEvent.COMPLETE_CWR);
        b.sndCwnd = 10;
        Net.rto(b, ccB);
        assertEquals(TcpSock.INFINITE_SSTHRESH, b.sndSsthresh);
        assertEquals(7, ccB.md());
        assertEquals(1, b.sndCwnd);
        assertTrue(b.inSlowStart());
    }

    /**
     * RTO: ssthresh from the cached md (15) and the pre-RTO cwnd 20 -> 5; CA_EVENT_LOSS
     * recalculates with cwnd 20 (ai 100, md 15 as in recalcTwoPaths); cwnd 1, state Loss.
     */
    @Test
    void rtoOrder() {
        TcpSock b = joinB(20);
        Balia ccB = balia(b);
        ccB.cwndEvent(b, CaEvent.COMPLETE_CWR);
        Net.rto(b, ccB);
        assertEquals(5, b.sndSsthresh);
        assertEquals(100, ccB.ai());
        assertEquals(1, b.sndCwnd);
        assertEquals(CaState.LOSS, b.caState);
    }

    /**
     * Slow start: cwnd 10 + 3 capped at ssthresh 12, leftover dropped, then recalc. Alone,
     * ai = floor(floor(x^2*10/(2x))*w/(5x)) = w = 12 and md = 12 >> 1 = 6.
     */
    @Test
    void slowStartRecalculates() {
        a.sndSsthresh = 12;
        ccA.congAvoid(a, 0, 3);
        assertEquals(12, a.sndCwnd);
        assertEquals(0, a.sndCwndCnt);
        assertEquals(12, ccA.ai());
        assertEquals(6, ccA.md());
    }

    /**
     * The forced path is inert: set_state flags the subflow, but cong_avoid reads the meta flag,
     * so no recalculation happens although B's cwnd changed (ai stays 22 from cwnd 10 / B 20).
     */
    @Test
    void forcedRecalcNeverFires() {
        TcpSock b = joinB(20);
        balia(b);
        Net.ca(a, 5);
        ccA.cwndEvent(a, CaEvent.COMPLETE_CWR);
        assertEquals(22, ccA.ai());
        b.sndCwnd = 40;
        ccA.setState(a, CaState.OPEN);
        assertTrue(ccA.forcedUpdate);
        ccA.congAvoid(a, 0, 1);
        assertEquals(22, ccA.ai());
        assertEquals(1, a.sndCwndCnt);
    }

    /**
     * Rates above 2^25 are scaled down by 2^5 per step: mss 1448, cwnd 1000, srtt 8000 (1 ms):
     * x = 1448*1000*8e6/8000 = 1 448 000 000 -> >>5 = 45 250 000 (> 2^25 = 33 554 432) -> >>5 =
     * 1 414 062; X and x_r are x >> 10 = 1 414 062. ai = floor(1414062^2*10/2828124) = 7 070 310,
     * floor(7070310*1000/(4*1414062 + 1414062)) = 1000; md = 500.
     */
    @Test
    void largeRatesAreScaledDown() {
        MptcpCb conn = new MptcpCb();
        TcpSock s = net.subflow(conn, 1000, 8 * 1000);
        Balia cc = balia(s);
        cc.cwndEvent(s, CaEvent.COMPLETE_CWR);
        assertEquals(1000, cc.ai());
        assertEquals(500, cc.md());
    }

    /**
     * A subflow leaving: A recalculated alone gives ai = cwnd = 10, md = 5 (B's rate no longer
     * counts); before, with B (cwnd 20 / 40 ms), it was 22 (recalcTwoPaths).
     */
    @Test
    void subflowLeaving() {
        TcpSock b = joinB(20);
        Balia ccB = balia(b);
        ccA.cwndEvent(a, CaEvent.COMPLETE_CWR);
        assertEquals(22, ccA.ai());
        ccB.release(b);
        mpcb.removeSubflow(b);
        ccA.cwndEvent(a, CaEvent.COMPLETE_CWR);
        assertEquals(10, ccA.ai());
        assertEquals(5, ccA.md());
    }

    /**
     * ai is 0 after init; a congestion-avoidance ACK before any recalculation (no slow-start step,
     * no recovery end) finds cnt 0 >= T = (int) 0 and grows at once, then recalculates: alone,
     * ai = cwnd = 11, md = 11 >> 1 = 5.
     */
    @Test
    void aiZeroBeforeFirstRecalcGrowsOnFirstAck() {
        Net.ca(a, 5);
        assertEquals(0, ccA.ai());
        ccA.congAvoid(a, 0, 1);
        assertEquals(11, a.sndCwnd);
        assertEquals(11, ccA.ai());
        assertEquals(5, ccA.md());
    }

    /** Plain TCP: Reno ssthresh max(20 >> 1, 2) = 10 and tcp_reno_cong_avoid. */
    @Test
    void plainTcpSocketIsReno() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        Balia cc = balia(sk);
        assertEquals(10, cc.ssthresh(sk));
        Net.ca(sk, 5);
        sk.sndCwndCnt = 19;
        cc.congAvoid(sk, 0, 1);
        assertEquals(21, sk.sndCwnd);
    }
}
