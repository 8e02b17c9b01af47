package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CaEvent;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;

/** wVegas (mptcp_wvegas.c) as a pure state machine; vectors worked by hand from mptcp_wvegas.c's integer arithmetic. */
class WVegasTest {
    static final int SRTT_10MS = 8 * 10_000;
    /** snd_nxt when the measurement RTT starts; an ACK beyond it closes the RTT. */
    static final int BEG = 1000;
    /** snd_nxt when that ACK arrives (the next RTT's right edge). */
    static final int NXT = 50_000;

    final Net net = new Net();

    private static WVegas defaults() {
        return (WVegas) new WVegas.Factory().create(KernelParams.DEFAULTS);
    }

    private static WVegas with(String name, String value) {
        Map<String, String> m = Map.of(name, value);
        return (WVegas) new WVegas.Factory().create(m::get);
    }

    private static TcpSock started(TcpSock sk, WVegas cc) {
        sk.sndNxt = BEG;
        cc.init(sk);
        sk.sndNxt = NXT;
        return sk;
    }

    /** Three samples rtt_us -> rtt_us + 1 each (mptcp_wvegas_pkts_acked). */
    private static void samples(TcpSock sk, WVegas cc, long r1, long r2, long r3) {
        cc.pktsAcked(sk, 1, r1);
        cc.pktsAcked(sk, 1, r2);
        cc.pktsAcked(sk, 1, r3);
    }

    /** pkts_acked: negative samples ignored; v = rtt + 1; base = min v; sum and count. */
    @Test
    void pktsAckedAccumulatesSamples() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = defaults();
        started(sk, cc);
        cc.pktsAcked(sk, 1, -1);
        cc.pktsAcked(sk, 1, 12_000);
        cc.pktsAcked(sk, 1, 9_999);
        assertEquals(10_000, cc.baseRtt);
        assertEquals(12_001 + 10_000, cc.sampledRtt);
        assertEquals(2, cc.cntRtt);
    }

    /**
     * Quirk §5.4 zero-queue halving. CA (cwnd 20, ssthresh 10), three samples of 9 999 µs -> v =
     * 10 000 = base = average rtt. diff = 20*0/10000 = 0 < alpha 2 -> cwnd 21; q = 0, queue_delay
     * 0 -> 0; 0 >= 2*0 -> backoff f = floor((10000 << 16)/(2*10000)) = 32 768,
     * cwnd = floor(21*32768 / 65536) = 10; ssthresh = max(10, (10>>1)+(10>>2) = 7) = 10.
     */
    @Test
    void halvesWhenAverageRttEqualsBaseRtt() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = defaults();
        started(sk, cc);
        Net.ca(sk, 10);
        samples(sk, cc, 9_999, 9_999, 9_999);
        cc.congAvoid(sk, BEG + 1, 1);
        assertEquals(10, sk.sndCwnd);
        assertEquals(10, sk.sndSsthresh);
        assertEquals(0, cc.queueDelay);
        assertEquals(0, cc.cntRtt, "samples reset for the next RTT");
        assertEquals(NXT, cc.begSndNxt);
    }

    /**
     * Plain TCP, CA (cwnd 20, ssthresh 10); samples v = 10 000, 12 000, 14 000: base 10 000,
     * rtt = 36000/3 = 12 000, diff = floor(20*2000/12000) = 3 >= alpha 2 -> instant_rate =
     * floor((20<<16)/12000) = 109, weight kept (not MPTCP) = 65 536, alpha = max(2,
     * (65536*10)>>16 = 10) = 10; diff 3 < 10 -> cwnd 21; q = 2000 -> queue_delay 2000, 2000 <
     * 4000 -> no drain; ssthresh = max(10, (21>>1)+(21>>2) = 15) = 15.
     */
    @Test
    void plainTcpSocketRunsVegasWithStoredWeight() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = defaults();
        started(sk, cc);
        Net.ca(sk, 10);
        samples(sk, cc, 9_999, 11_999, 13_999);
        cc.congAvoid(sk, BEG + 1, 1);
        assertEquals(109, cc.instantRate);
        assertEquals(1L << 16, cc.weight());
        assertEquals(10, cc.alpha());
        assertEquals(21, sk.sndCwnd);
        assertEquals(15, sk.sndSsthresh);
        assertEquals(2000, cc.queueDelay);
    }

    /**
     * Two subflows: B (sibling) last computed instant_rate 327 and has samples this RTT; A as in
     * the previous test gets instant_rate 109. total = 436, weight_A = floor((109<<16)/436) = 16 384,
     * alpha = max(2, floor(16384*10/65536) = 2) = 2; diff 3 > 2 -> cwnd 19, ssthresh = min(10, 19)
     * = 10; q: queue_delay 0 -> 2000, no drain; ssthresh = max(10, 9 + 4) = 13.
     */
    @Test
    void weightSplitsTotalAlphaAcrossSubflows() {
        MptcpCb mpcb = new MptcpCb();
        TcpSock a = net.subflow(mpcb, 20, SRTT_10MS);
        WVegas ccA = defaults();
        started(a, ccA);
        TcpSock b = net.subflow(mpcb, 30, SRTT_10MS);
        WVegas ccB = defaults();
        started(b, ccB);
        ccB.instantRate = 327;
        ccB.pktsAcked(b, 1, 20_000);
        Net.ca(a, 10);
        samples(a, ccA, 9_999, 11_999, 13_999);
        ccA.congAvoid(a, BEG + 1, 1);
        assertEquals(16_384, ccA.weight());
        assertEquals(2, ccA.alpha());
        assertEquals(19, a.sndCwnd);
        assertEquals(13, a.sndSsthresh);
    }

    /**
     * A sibling without samples in its current RTT does not count: B sampled_rtt 0 -> total =
     * A's own 109 -> weight = 65 536, alpha = 10 (as for a single path). After B leaves
     * (removeSubflow) the same holds.
     */
    @Test
    void siblingsWithoutSamplesOrRemovedDoNotCount() {
        MptcpCb mpcb = new MptcpCb();
        TcpSock a = net.subflow(mpcb, 20, SRTT_10MS);
        WVegas ccA = defaults();
        started(a, ccA);
        TcpSock b = net.subflow(mpcb, 30, SRTT_10MS);
        WVegas ccB = defaults();
        started(b, ccB);
        ccB.instantRate = 327;
        Net.ca(a, 10);
        samples(a, ccA, 9_999, 11_999, 13_999);
        ccA.congAvoid(a, BEG + 1, 1);
        assertEquals(1L << 16, ccA.weight());
        assertEquals(10, ccA.alpha());

        ccB.pktsAcked(b, 1, 20_000);
        ccB.release(b);
        mpcb.removeSubflow(b);
        a.sndNxt = NXT + 1000;
        samples(a, ccA, 9_999, 11_999, 13_999);
        ccA.congAvoid(a, NXT + 1, 1);
        assertEquals(1L << 16, ccA.weight());
    }

    /** Module parameter total_alpha = 20: alpha = max(2, (65536*20)>>16) = 20. */
    @Test
    void totalAlphaIsReadFromKernelParams() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = with("mptcp_wvegas.total_alpha", "20");
        started(sk, cc);
        Net.ca(sk, 10);
        samples(sk, cc, 9_999, 11_999, 13_999);
        cc.congAvoid(sk, BEG + 1, 1);
        assertEquals(20, cc.alpha());
    }

    /**
     * Slow-start exit (diff 3 > gamma 1): target = floor(20*10000/12000) = 16, cwnd =
     * min(20, 16 + 1) = 17, ssthresh = min(inf, 17) = 17, then max(17, 8 + 4) = 17.
     * With gamma = 3 (module parameter) diff 3 is not > 3: slow start continues, 20 + 1 = 21.
     */
    @Test
    void slowStartExitUsesGamma() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = defaults();
        started(sk, cc);
        samples(sk, cc, 9_999, 11_999, 13_999);
        cc.congAvoid(sk, BEG + 1, 1);
        assertEquals(17, sk.sndCwnd);
        assertEquals(17, sk.sndSsthresh);

        TcpSock sk2 = net.tcp(20, SRTT_10MS);
        WVegas cc2 = with("mptcp_wvegas.gamma", "3");
        started(sk2, cc2);
        samples(sk2, cc2, 9_999, 11_999, 13_999);
        cc2.congAvoid(sk2, BEG + 1, 1);
        assertEquals(21, sk2.sndCwnd);
    }

    /**
     * Fewer than 3 samples: one tcp_reno_cong_avoid call (CA at cwnd 20: cnt 0 -> 1), samples
     * reset. Within the same RTT in CA nothing happens; in slow start it is tcp_slow_start.
     */
    @Test
    void fewerThanThreeSamplesFallsBackToReno() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = defaults();
        started(sk, cc);
        Net.ca(sk, 10);
        cc.pktsAcked(sk, 1, 9_999);
        cc.congAvoid(sk, BEG + 1, 1);
        assertEquals(20, sk.sndCwnd);
        assertEquals(1, sk.sndCwndCnt);
        assertEquals(0, cc.cntRtt);
        cc.congAvoid(sk, BEG + 2, 1); // same RTT (not after beg_snd_nxt = NXT), CA: nothing
        assertEquals(1, sk.sndCwndCnt);
        sk.sndSsthresh = 100;
        cc.congAvoid(sk, BEG + 3, 2); // same RTT, slow start: 20 + 2
        assertEquals(22, sk.sndCwnd);
    }

    /**
     * Loss: fast retransmit -> Reno ssthresh max(20>>1, 2) = 10, set_state(Recovery) disables
     * wVegas (Reno until Open); RTO clears instant_rate; set_state(Open) re-enables with
     * alpha = initial_alpha (module parameter, here 3) and keeps base_rtt.
     */
    @Test
    void lossDisablesAndOpenReenables() {
        TcpSock sk = net.tcp(20, SRTT_10MS);
        WVegas cc = with("mptcp_wvegas.initial_alpha", "3");
        started(sk, cc);
        assertEquals(3, cc.alpha());
        cc.pktsAcked(sk, 1, 9_999);
        cc.instantRate = 109;
        Net.fastRetransmit(sk, cc);
        assertEquals(10, sk.sndSsthresh);
        assertFalse(cc.doingWvegasNow);
        Net.rto(sk, cc);
        assertEquals(0, cc.instantRate);
        assertEquals(1, sk.sndCwnd);
        sk.sndNxt = 77;
        cc.setState(sk, CaState.OPEN);
        assertTrue(cc.doingWvegasNow);
        assertEquals(77, cc.begSndNxt);
        assertEquals(3, cc.alpha());
        assertEquals(10_000, cc.baseRtt, "base_rtt survives re-enable");
        cc.cwndEvent(sk, CaEvent.CWND_RESTART);
        assertEquals(0x7fffffff, cc.baseRtt, "restart after idle re-inits base_rtt");
    }
}
