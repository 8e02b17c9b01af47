package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;

/** LIA (mptcp_coupled.c) as a pure state machine; vectors worked by hand from mptcp_coupled.c's integer arithmetic. */
class LiaTest {
    /** 10 ms RTT as srtt_us (8 x µs): 8 * 10 000. */
    static final int SRTT_10MS = 8 * 10_000;
    /** 40 ms: 8 * 40 000. */
    static final int SRTT_40MS = 8 * 40_000;
    /** 100 ms: 8 * 100 000. */
    static final int SRTT_100MS = 8 * 100_000;

    final Net net = new Net();
    final MptcpCb mpcb = new MptcpCb();

    private Lia lia(TcpSock sk) {
        Lia cc = new Lia();
        cc.init(sk);
        return cc;
    }

    private long alpha() {
        return Lia.shared(mpcb).alpha;
    }

    /**
     * Spec §2.7: A (master) cwnd 10 / 10 ms, B (newest) cwnd 20 / 40 ms.
     * t_B = floor(20*2^32/320000^2) = 0, t_A = floor(10*2^32/80000^2) = 6 -> best A.
     * D = 10*1024 + floor(20*1024*80000/320000) = 10240 + 5120 = 15360, D^2 = 235 929 600,
     * alpha = floor(10*2^32/235 929 600) = 182, T = floor(4096/182) = 22.
     */
    @Test
    void specExample27AlphaIs182ThresholdIs22() {
        TcpSock a = net.subflow(mpcb, 10, SRTT_10MS);
        Lia ccA = lia(a);
        TcpSock b = net.subflow(mpcb, 20, SRTT_40MS);
        Lia ccB = lia(b);
        Net.ca(a, 5);
        Net.ca(b, 5);
        // a CA-state change forces the next CA step to recalculate
        ccB.setState(b, CaState.OPEN);
        ccB.congAvoid(b, 0, 1);
        assertEquals(182, alpha());
        assertFalse(Lia.shared(mpcb).forcedUpdate);
        // B: T = max(22, 20) = 22; cnt 0 < 22 -> cnt 1, no increase
        assertEquals(1, b.sndCwndCnt);
        assertEquals(20, b.sndCwnd);
        // B: with cnt = 22 the ACK increases cwnd without counting itself (T + 1 ACKs per +1)
        b.sndCwndCnt = 21;
        ccB.congAvoid(b, 0, 1);
        assertEquals(20, b.sndCwnd, "cnt 21 < 22: count only");
        assertEquals(22, b.sndCwndCnt);
        ccB.congAvoid(b, 0, 1);
        assertEquals(21, b.sndCwnd, "cnt 22 >= 22: +1");
        assertEquals(0, b.sndCwndCnt);
        // A: T = max(22, 10) = 22 as well
        a.sndCwndCnt = 22;
        // alpha after B's increase: B 21 / 40 ms, A 10 / 10 ms: D = 10240 + floor(21504*80000/320000)
        // = 10240 + 5376 = 15616, alpha = floor(10*2^32/15616^2) = floor(42949672960/243859456) = 176
        assertEquals(176, alpha());
        ccA.congAvoid(a, 0, 1);
        // T = floor(4096/176) = 23 > cnt 22 -> counts only
        assertEquals(10, a.sndCwnd);
        assertEquals(23, a.sndCwndCnt);
    }

    /**
     * Quirk: a subflow joining resets alpha to 1 (mptcp_ccc_init), so T = max(4096/1, cwnd) = 4096
     * until the next recalculation.
     */
    @Test
    void subflowJoinResetsAlphaToOne() {
        TcpSock a = net.subflow(mpcb, 10, SRTT_10MS);
        Lia ccA = lia(a);
        Net.ca(a, 5);
        ccA.cwndEvent(a, org.mptcpsim.tcp.CaEvent.LOSS); // recalc: alone, alpha = 409 (below)
        assertEquals(409, alpha());
        TcpSock b = net.subflow(mpcb, 10, SRTT_40MS);
        lia(b); // B reaches ESTABLISHED: init
        assertEquals(1, alpha());
        // A in CA, no forced update pending: threshold T = max(4096/1, 10) = 4096
        a.sndCwndCnt = 4095;
        ccA.congAvoid(a, 0, 1);
        assertEquals(10, a.sndCwnd);
        assertEquals(4096, a.sndCwndCnt);
    }

    /**
     * A subflow leaving: after removeSubflow the next recalculation sees only A.
     * Alone: D = 10*1024 = 10240, D^2 = 104 857 600, alpha = floor(10*2^32/104857600) = 409,
     * T = floor(4096/409) = 10 = max(10, cwnd 10).
     */
    @Test
    void subflowLeavingRecalculatesOverTheRemainingOnes() {
        TcpSock a = net.subflow(mpcb, 10, SRTT_10MS);
        Lia ccA = lia(a);
        TcpSock b = net.subflow(mpcb, 20, SRTT_40MS);
        Lia ccB = lia(b);
        ccB.cwndEvent(b, org.mptcpsim.tcp.CaEvent.LOSS);
        assertEquals(182, alpha()); // §2.7
        ccB.release(b);
        mpcb.removeSubflow(b);
        ccA.cwndEvent(a, org.mptcpsim.tcp.CaEvent.LOSS);
        assertEquals(409, alpha());
    }

    /**
     * Quirk §2.6 precision floor: both at 100 ms, t_s = floor(cwnd*2^32/800000^2) = floor(cwnd *
     * 0.0067) = 0 for B (cwnd 100) and A (cwnd 50): the tie goes to the oldest (A), although B has
     * the larger cwnd/rtt^2. D = 50*1024 + 100*1024 = 153600, D^2 = 23 592 960 000,
     * alpha = floor(50*2^32/D^2) = floor(9.10) = 9 (with B as best it would be floor(18.2) = 18).
     */
    @Test
    void precisionFloorPicksOldestSubflowAsBest() {
        TcpSock a = net.subflow(mpcb, 50, SRTT_100MS);
        lia(a);
        TcpSock b = net.subflow(mpcb, 100, SRTT_100MS);
        Lia ccB = lia(b);
        ccB.cwndEvent(b, org.mptcpsim.tcp.CaEvent.LOSS);
        assertEquals(9, alpha());
    }

    /**
     * Quirk §2.6 saturation: one subflow, cwnd 3000 / 10 ms. D = 3000*1024 = 3 072 000,
     * alpha = floor(3000*2^32/3072000^2) = floor(1.36) = 1, T = max(4096/1, 3000) = 4096:
     * +1 packet per 4097 ACKs where Reno needs 3000.
     */
    @Test
    void alphaSaturatesAbove2048Packets() {
        TcpSock a = net.subflow(mpcb, 3000, SRTT_10MS);
        Lia cc = lia(a);
        Net.ca(a, 100);
        cc.cwndEvent(a, org.mptcpsim.tcp.CaEvent.LOSS);
        assertEquals(1, alpha());
        a.sndCwndCnt = 3000; // Reno (w = cwnd = 3000) would increase here
        cc.congAvoid(a, 0, 1);
        assertEquals(3000, a.sndCwnd);
        a.sndCwndCnt = 4096;
        cc.congAvoid(a, 0, 1);
        assertEquals(3001, a.sndCwnd);
    }

    /**
     * Spec §2.6 single subflow, cwnd 100 / 10 ms: D = 102400, alpha = floor(100*2^32/102400^2)
     * = floor(40.96) = 40, T = floor(4096/40) = 102 > cwnd.
     */
    @Test
    void singleSubflowThresholdIsAboveCwnd() {
        TcpSock a = net.subflow(mpcb, 100, SRTT_10MS);
        Lia cc = lia(a);
        Net.ca(a, 50);
        cc.cwndEvent(a, org.mptcpsim.tcp.CaEvent.LOSS);
        assertEquals(40, alpha());
        a.sndCwndCnt = 101;
        cc.congAvoid(a, 0, 1);
        assertEquals(100, a.sndCwnd, "cnt 101 < T 102");
        cc.congAvoid(a, 0, 1);
        assertEquals(101, a.sndCwnd, "cnt 102 >= T 102");
    }

    /**
     * Quirk: congestion avoidance counts ACKs, not packets: a delayed ACK covering 2 packets
     * advances cnt by 1 (Reno's tcp_cong_avoid_ai would add 2).
     */
    @Test
    void countsAcksNotPackets() {
        TcpSock a = net.subflow(mpcb, 100, SRTT_10MS);
        Lia cc = lia(a);
        Net.ca(a, 50);
        cc.congAvoid(a, 0, 2);
        assertEquals(1, a.sndCwndCnt);
    }

    /**
     * Slow start: tcp_slow_start(acked 3) from cwnd 10 with ssthresh 12 -> cwnd 12, leftover 1 is
     * dropped (no CA step), alpha recalculated: alone D = 12*1024, alpha = floor(12*2^32/12288^2)
     * = floor(341.33) = 341.
     */
    @Test
    void slowStartDropsLeftoverAndRecalculates() {
        TcpSock a = net.subflow(mpcb, 10, SRTT_10MS);
        Lia cc = lia(a);
        a.sndSsthresh = 12;
        cc.congAvoid(a, 0, 3);
        assertEquals(12, a.sndCwnd);
        assertEquals(0, a.sndCwndCnt);
        assertEquals(341, alpha());
    }

    /** Not cwnd-limited: nothing happens, not even counting. */
    @Test
    void notCwndLimitedDoesNothing() {
        TcpSock a = net.subflow(mpcb, 100, SRTT_10MS);
        Lia cc = lia(a);
        Net.ca(a, 50);
        a.isCwndLimitedFlag = false;
        cc.congAvoid(a, 0, 1);
        assertEquals(0, a.sndCwndCnt);
        assertEquals(100, a.sndCwnd);
    }

    /**
     * Fast retransmit: ssthresh = max(cwnd >> 1, 2) = 20 >> 1 = 10; set_state(Recovery) forces a
     * recalculation at the next CA step.
     */
    @Test
    void fastRetransmitHalvesAndForcesUpdate() {
        TcpSock a = net.subflow(mpcb, 20, SRTT_10MS);
        Lia cc = lia(a);
        Net.fastRetransmit(a, cc);
        assertEquals(10, a.sndSsthresh);
        assertEquals(CaState.RECOVERY, a.caState);
        assertTrue(Lia.shared(mpcb).forcedUpdate);
    }

    /**
     * RTO: ssthresh from the pre-RTO cwnd 20 -> 10; CA_EVENT_LOSS recalculates alpha with the
     * pre-RTO cwnd: D = 20*1024, alpha = floor(20*2^32/20480^2) = floor(204.8) = 204; then
     * cwnd 1 and state Loss.
     */
    @Test
    void rtoUsesPreRtoCwndForSsthreshAndAlpha() {
        TcpSock a = net.subflow(mpcb, 20, SRTT_10MS);
        Lia cc = lia(a);
        Net.rto(a, cc);
        assertEquals(10, a.sndSsthresh);
        assertEquals(204, alpha());
        assertEquals(1, a.sndCwnd);
        assertEquals(CaState.LOSS, a.caState);
    }

    /**
     * Plain TCP behaves as tcp_reno_cong_avoid: CA with cnt 9, acked 2 at cwnd 10:
     * cnt 11 >= 10 -> cwnd 11, cnt 11 - 10 = 1; and no shared area is created.
     */
    @Test
    void plainTcpSocketIsReno() {
        TcpSock sk = net.tcp(10, SRTT_10MS);
        Lia cc = lia(sk);
        Net.ca(sk, 5);
        sk.sndCwndCnt = 9;
        cc.congAvoid(sk, 0, 2);
        assertEquals(11, sk.sndCwnd);
        assertEquals(1, sk.sndCwndCnt);
        assertEquals(10, cc.ssthresh(new Net().tcp(20, SRTT_10MS)));
    }
}
