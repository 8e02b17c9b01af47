package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;

/** OLIA (mptcp_olia.c) as a pure state machine; vectors worked by hand from mptcp_olia.c's integer arithmetic. */
class OliaTest {
    /** 10 ms as srtt_us (8 x µs). */
    static final int SRTT_10MS = 8 * 10_000;

    final Net net = new Net();
    final MptcpCb mpcb = new MptcpCb();

    private Olia olia(TcpSock sk) {
        Olia cc = new Olia();
        cc.init(sk);
        return cc;
    }

    /**
     * Single path, cwnd 10: epsilon 0/1 (B\M empty), R = (1 + (10<<10))^2 = 10241^2 = 104 878 081,
     * den = 1 * 10 * R, increment = floor(((10<<10)^2 << 10) / den) = floor(107 374 182 400 /
     * 1 048 780 810) = 102 units per ACK. After 10 ACKs cnt = 1020 < 1023; the 11th makes 1122
     * >= 1023 -> cwnd 11, cnt 0.
     */
    @Test
    void singlePathCongestionAvoidanceStep() {
        TcpSock a = net.subflow(mpcb, 10, SRTT_10MS);
        Olia cc = olia(a);
        Net.ca(a, 5);
        Net.acks(a, cc, 10);
        assertEquals(10, a.sndCwnd);
        assertEquals(1020, cc.sndCwndCnt());
        Net.acks(a, cc, 1);
        assertEquals(11, a.sndCwnd);
        assertEquals(0, cc.sndCwndCnt());
    }

    /**
     * Quirk §3.7: at cwnd 1024 the per-ACK increment floor(2^30*1024/(1+1024*1024)^2)
     * = floor(1 099 511 627 776 / 1 099 513 724 929) = 0: OLIA stops growing. At cwnd 1023 the
     * increment is 1 unit, so +1 packet takes exactly 1023 ACKs.
     */
    @Test
    void stallsNear1024Packets() {
        TcpSock a = net.subflow(mpcb, 1024, SRTT_10MS);
        Olia cc = olia(a);
        Net.ca(a, 512);
        Net.acks(a, cc, 5000);
        assertEquals(1024, a.sndCwnd);
        assertEquals(0, cc.sndCwndCnt());

        MptcpCb other = new MptcpCb();
        TcpSock c = net.subflow(other, 1023, SRTT_10MS);
        Olia ccC = olia(c);
        Net.ca(c, 512);
        Net.acks(c, ccC, 1022);
        assertEquals(1023, c.sndCwnd);
        assertEquals(1022, ccC.sndCwndCnt());
        Net.acks(c, ccC, 1);
        assertEquals(1024, c.sndCwnd);
    }

    /**
     * Two paths, both 10 ms. A (oldest) cwnd 20, loss distances (0, 1000, 1500) -> l = 1000;
     * B (newest) cwnd 10, (0, 0, 5000) -> l = 5000. Best l/rtt^2: B. M = {A} (max cwnd 20),
     * B\M = {B}: eps_B = +1/(2*1), eps_A = -1/(2*1).
     * R = (1 + 20*1024 + 10*1024)^2 = 30721^2 = 943 779 841 for either caller (same srtt).
     * B: den = 2*10*R = 18 875 596 820, num = R + 2*(10240)^2 = 1 153 495 041,
     *    inc = floor((num << 10)/den) = floor(1 181 178 921 984 / 18 875 596 820) = 62.
     * A: 2*(20480)^2 = 838 860 800 < R -> cnt -= floor(((R - 838 860 800) << 10)/(2*20*R))
     *    = floor(107 437 097 984 / 37 751 193 640) = 2.
     */
    @Test
    void epsilonFavoursBestPathOverLargestWindow() {
        TcpSock a = net.subflow(mpcb, 20, SRTT_10MS);
        Olia ccA = olia(a);
        TcpSock b = net.subflow(mpcb, 10, SRTT_10MS);
        Olia ccB = olia(b);
        Net.ca(a, 5);
        Net.ca(b, 5);
        ccA.mptcpLoss2 = 1000;
        ccA.mptcpLoss3 = 1500; // as if A's last cong_avoid saw snd_una 1500
        a.sndUna = 1500; // A's own cong_avoid below records loss3 = snd_una = 1500 again
        b.sndUna = 5000;
        ccB.congAvoid(b, b.sndUna, 1);
        assertEquals(1, ccB.epsilonNum);
        assertEquals(2, ccB.epsilonDen);
        assertEquals(-1, ccA.epsilonNum);
        assertEquals(2, ccA.epsilonDen);
        assertEquals(62, ccB.sndCwndCnt());
        ccA.congAvoid(a, a.sndUna, 1);
        assertEquals(-2, ccA.sndCwndCnt());
    }

    /**
     * A subflow in Recovery counts with ssthresh (mptcp_get_crt_cwnd): A inflated cwnd 40 but
     * ssthresh 10 -> A's w' = 10 < B's 20, so M = {B}; with equal loss distances (0) and rtts,
     * A is in B\M: eps_A = +1/(2*1), eps_B = -1/(2*1).
     */
    @Test
    void recoveryWindowIsSsthresh() {
        TcpSock a = net.subflow(mpcb, 40, SRTT_10MS);
        Olia ccA = olia(a);
        a.sndSsthresh = 10;
        a.caState = CaState.RECOVERY;
        TcpSock b = net.subflow(mpcb, 20, SRTT_10MS);
        Olia ccB = olia(b);
        Net.ca(b, 5);
        ccB.congAvoid(b, 0, 1);
        assertEquals(1, ccA.epsilonNum);
        assertEquals(2, ccA.epsilonDen);
        assertEquals(-1, ccB.epsilonNum);
        assertEquals(2, ccB.epsilonDen);
    }

    /**
     * Loss bookkeeping: fast retransmit shifts (loss1, loss2) = (loss2, loss3) once;
     * ssthresh = max(40 >> 1, 2) = 20. A repeated RTO backoff (icsk_retransmits 1) does not shift.
     */
    @Test
    void lossShiftsIntervalsOnlyOnFirstEntry() {
        TcpSock a = net.subflow(mpcb, 40, SRTT_10MS);
        Olia cc = olia(a);
        Net.ca(a, 5);
        a.sndUna = 3000;
        cc.congAvoid(a, a.sndUna, 1); // loss3 = 3000
        Net.fastRetransmit(a, cc);
        assertEquals(20, a.sndSsthresh);
        assertEquals(0, cc.mptcpLoss1);
        assertEquals(3000, cc.mptcpLoss2);
        // RTO: ssthresh from cwnd 40 again -> 20; loss3 == loss2 so no shift, cwnd 1
        Net.rto(a, cc);
        assertEquals(20, a.sndSsthresh);
        assertEquals(1, a.sndCwnd);
        assertEquals(3000, cc.mptcpLoss2);
        // new data acked in Loss (slow start through cong_avoid), then a backoff RTO
        a.sndUna = 7000;
        cc.congAvoid(a, a.sndUna, 1);
        assertEquals(2, a.sndCwnd, "slow start +1");
        a.icskRetransmits = 1;
        Net.rto(a, cc);
        assertEquals(3000, cc.mptcpLoss2, "backoff: no shift");
    }

    /**
     * u32 sequence wrap: loss2 = 0xFFFFFF00, loss3 = 0x100 gives loss3 - loss2 = 0x200 = 512 bytes,
     * not a negative distance.
     */
    @Test
    void lossDistanceIsU32Difference() {
        Olia cc = new Olia();
        cc.mptcpLoss1 = 0xFFFFFE00;
        cc.mptcpLoss2 = 0xFFFFFF00;
        cc.mptcpLoss3 = 0x100;
        // max(0x100 - 0xFFFFFF00 = 0x200, 0xFFFFFF00 - 0xFFFFFE00 = 0x100) = 512
        assertEquals(512, cc.lossInterval());
    }

    /**
     * A subflow joins (init: loss1..3 = snd_una, eps 0/1, cnt 0) and one leaves: with only one
     * eligible subflow left, B\M is empty and every epsilon is 0/1 again.
     */
    @Test
    void subflowJoinAndLeave() {
        TcpSock a = net.subflow(mpcb, 20, SRTT_10MS);
        Olia ccA = olia(a);
        Net.ca(a, 5);
        TcpSock b = net.subflow(mpcb, 10, SRTT_10MS);
        b.sndUna = 777;
        Olia ccB = olia(b);
        assertEquals(777, ccB.mptcpLoss1);
        assertEquals(777, ccB.mptcpLoss3);
        assertEquals(1, ccB.epsilonDen);
        b.sndUna = 5777; // B: l = 5000 > A's 0 -> B in B\M
        Net.ca(b, 5);
        ccB.congAvoid(b, b.sndUna, 1);
        assertEquals(-1, ccA.epsilonNum);
        ccB.release(b);
        mpcb.removeSubflow(b);
        ccA.congAvoid(a, 0, 1);
        assertEquals(0, ccA.epsilonNum);
        assertEquals(1, ccA.epsilonDen);
    }

    /** Slow start is Reno's tcp_slow_start with the leftover dropped: 10 + 3 capped at 12. */
    @Test
    void slowStart() {
        TcpSock a = net.subflow(mpcb, 10, SRTT_10MS);
        Olia cc = olia(a);
        a.sndSsthresh = 12;
        cc.congAvoid(a, 0, 3);
        assertEquals(12, a.sndCwnd);
        assertEquals(0, cc.sndCwndCnt());
    }

    /**
     * Quirk §3.7: l * srtt^2 wraps in u64. Both at 100 ms (srtt 800 000, srtt^2 = 6.4e11).
     * B (newest) l = 2^29, A l = 2^30: exactly, A has the larger l/rtt^2 and, being the largest
     * window, B\M would be empty. In u64: 2^30 * 6.4e11 mod 2^64 = 4 665 236 632 746 590 208 is
     * below 2^29 * 6.4e11 mod 2^64 = 11 555 990 353 228 070 912, so B stays "best":
     * eps_B = +1/(2*1), eps_A = -1/(2*1).
     */
    @Test
    void lossDistanceProductsWrapLikeU64() {
        int srtt100ms = 8 * 100_000;
        TcpSock a = net.subflow(mpcb, 20, srtt100ms);
        Olia ccA = olia(a);
        TcpSock b = net.subflow(mpcb, 10, srtt100ms);
        Olia ccB = olia(b);
        Net.ca(b, 5);
        ccA.mptcpLoss3 = 1 << 30;
        b.sndUna = 1 << 29;
        ccB.congAvoid(b, b.sndUna, 1);
        assertEquals(1, ccB.epsilonNum);
        assertEquals(2, ccB.epsilonDen);
        assertEquals(-1, ccA.epsilonNum);
    }

    /** Plain TCP: tcp_reno_cong_avoid (cnt 9 + 2 at cwnd 10 -> cwnd 11, cnt 1). */
    @Test
    void plainTcpSocketIsReno() {
        TcpSock sk = net.tcp(10, SRTT_10MS);
        Olia cc = olia(sk);
        Net.ca(sk, 5);
        sk.sndCwndCnt = 9;
        cc.congAvoid(sk, 0, 2);
        assertEquals(11, sk.sndCwnd);
        assertEquals(1, sk.sndCwndCnt);
    }
}
