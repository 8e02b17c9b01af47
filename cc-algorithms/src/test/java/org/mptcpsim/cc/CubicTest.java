package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.tcp.CaEvent;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.TcpSock;

/**
 * cubic (net/ipv4/tcp_cubic.c, mainline 6.x) as a pure state machine. The clock starts at 10 s
 * (jiffies 10 000) because epoch_start == 0 means "no epoch" in the kernel.
 */
class CubicTest {
    static final int SRTT_10MS = 8 * 10_000;
    /** Start time in jiffies (ms). */
    static final int T0 = 10_000;

    final Net net = new Net();
    TcpSock sk;
    Cubic cc;

    @BeforeEach
    void setUp() {
        net.nowPs = Time.ms(T0);
        sk = net.tcp(100, SRTT_10MS);
        cc = Cubic.withDefaults();
        cc.init(sk);
    }

    private static Cubic create(String name, String value) {
        Map<String, String> m = Map.of(name, value);
        return (Cubic) new Cubic.Factory().create(m::get);
    }

    /**
     * cubictcp_register with beta 717, bic_scale 41: beta_scale = 8*(1024+717)/3/(1024-717)
     * = 13928/3 = 4642, /307 = 15; cube_rtt_scale = 41*10 = 410; cube_factor = 2^40/410
     * = floor(1 099 511 627 776/410) = 2 681 735 677.
     */
    @Test
    void moduleScaleFactors() {
        assertEquals(15, cc.betaScale);
        assertEquals(410, cc.cubeRttScale);
        assertEquals(2_681_735_677L, cc.cubeFactor);
    }

    /**
     * cubic_root: a < 64 uses the table, (v[a] + 35) >> 6: v[1] = 54 -> 1, v[8] = 123 -> 2,
     * v[27] = 190 -> 3. a = 64: fls 7, b = (7*84 >> 8) - 1 = 1, index 64 >> 3 = 8, x = ((123+10) << 1)
     * >> 6 = 4, Newton x = 2*4 + floor(64/(4*3)) = 13, (13*341) >> 10 = 4. a = 80 452 070 310
     * (= cube_factor * 30): fls 37, b = (37*84 >> 8) - 1 = 11, index a >> 33 = 9, v[9] = 129,
     * x = ((129+10) << 11) >> 6 = 4448, Newton 2*4448 + floor(a/(4448*4447)) = 8896 + 4067 = 12963,
     * (12963*341) >> 10 = 4316 (exact cube root 4316.97).
     */
    @Test
    void cubicRootTableAndNewtonStep() {
        assertEquals(0, Cubic.cubicRoot(0));
        assertEquals(1, Cubic.cubicRoot(1));
        assertEquals(2, Cubic.cubicRoot(8));
        assertEquals(3, Cubic.cubicRoot(27));
        assertEquals(4, Cubic.cubicRoot(64));
        assertEquals(4316, Cubic.cubicRoot(80_452_070_310L));
    }

    /**
     * Loss at cwnd 100 with no previous maximum: W_max = 100, ssthresh = max(100*717/1024, 2) =
     * floor(70.02) = 70. A second loss at cwnd 80 < W_max with fast convergence:
     * W_max = floor(80*(1024+717)/2048) = floor(68.0) = 68, ssthresh = floor(80*717/1024) = 56.
     */
    @Test
    void ssthreshAndFastConvergence() {
        Net.fastRetransmit(sk, cc);
        assertEquals(70, sk.sndSsthresh);
        assertEquals(100, cc.lastMaxCwnd);
        sk.sndCwnd = 80;
        assertEquals(56, cc.ssthresh(sk));
        assertEquals(68, cc.lastMaxCwnd);
    }

    /** With tcp_cubic.fast_convergence = 0 W_max is simply cwnd (80). */
    @Test
    void fastConvergenceOff() {
        Cubic c = create("tcp_cubic.fast_convergence", "0");
        c.init(sk);
        c.ssthresh(sk);
        sk.sndCwnd = 80;
        c.ssthresh(sk);
        assertEquals(80, c.lastMaxCwnd);
    }

    /**
     * The cubic curve after a loss at 100: cwnd 70 (= ssthresh), first CA ACK at T0 starts the
     * epoch: K = cubic_root(cube_factor*(100-70)) = 4316 (2^-10 s), origin 100, delay_min 0,
     * t = 0, offs = 4316, delta = (410*4316^3) >> 40 = 32 963 108 863 360 >> 40 = 29,
     * target = 100 - 29 = 71 > 70 -> cnt = 70/(71-70) = 70; then tcp_cong_avoid_ai(70, 1): cnt 1.
     * 10 ms later with the same cwnd: within HZ/32 = 31 jiffies -> no update (cnt stays 70).
     * 1000 ms after T0: t = (1000 << 10)/1000 = 1024, offs = 3292, delta = (410*3292^3) >> 40 = 13,
     * target 87 -> cnt = 70/17 = 4.
     */
    @Test
    void cubicCurveAfterLoss() {
        Net.fastRetransmit(sk, cc);
        sk.sndCwnd = 70; // end of recovery: cwnd = ssthresh
        sk.caState = CaState.OPEN;
        cc.congAvoid(sk, 0, 1);
        assertEquals(T0, cc.epochStart);
        assertEquals(4316, cc.bicK);
        assertEquals(100, cc.bicOriginPoint);
        assertEquals(70, cc.cnt);
        assertEquals(1, sk.sndCwndCnt);
        net.advanceMs(10);
        cc.congAvoid(sk, 0, 1);
        assertEquals(70, cc.cnt);
        assertEquals(2, cc.ackCnt);
        net.advanceMs(990);
        cc.congAvoid(sk, 0, 1);
        assertEquals(4, cc.cnt);
    }

    /**
     * TCP-friendly region: with the estimated Reno window tcp_cwnd = 80 above cwnd 70,
     * cnt = min(cnt, 70/(80-70)) = 7. Here, 40 ms into the epoch: t = floor(40*1024/1000) = 40,
     * offs = 4276, delta = (410*4276^3) >> 40 = 29, target 71 -> curve cnt 70 -> capped to 7.
     */
    @Test
    void renoFriendlyRegionCapsCnt() {
        Net.fastRetransmit(sk, cc);
        sk.sndCwnd = 70;
        sk.caState = CaState.OPEN;
        cc.congAvoid(sk, 0, 1);
        cc.tcpCwnd = 80;
        net.advanceMs(40);
        cc.congAvoid(sk, 0, 1);
        assertEquals(7, cc.cnt);
    }

    /**
     * Before the first loss (W_max 0) the curve is flat (K 0, origin = cwnd 20, target = 20, cnt =
     * 100*20 = 2000) but capped at 20 ("5% per RTT"). With tcp_friendliness off too.
     */
    @Test
    void initialGrowthCappedAtCnt20() {
        sk.sndCwnd = 20;
        Net.ca(sk, 20);
        cc.congAvoid(sk, 0, 1);
        assertEquals(20, cc.cnt);
        assertEquals(0, cc.bicK);
        assertEquals(20, cc.bicOriginPoint);
    }

    /**
     * Slow start: tcp_slow_start(5) from 18 with ssthresh 20 -> cwnd 20, 3 left over go to
     * bictcp_update (cnt 20 as above, ack_cnt 3) and tcp_cong_avoid_ai(20, 3): cnt 3.
     */
    @Test
    void slowStartLeftoverGoesToCongestionAvoidance() {
        sk.sndCwnd = 18;
        sk.maxPacketsOut = 18;
        sk.sndSsthresh = 20;
        cc.congAvoid(sk, 0, 5);
        assertEquals(20, sk.sndCwnd);
        assertEquals(3, sk.sndCwndCnt);
        assertEquals(3, cc.ackCnt);
    }

    /**
     * HyStart delay detection. Round 1: a 10 000 µs sample sets delay_min 10 000. Round 2 (snd_una
     * past end_seq resets the round): threshold = delay_min + clamp(10000 >> 3 = 1250, 4000,
     * 16000) = 14 000. 8 samples only count (sample_cnt 0 -> 8); the 9th compares: 14 000 is not
     * > 14 000; with 14 001 the exit is found and ssthresh = cwnd.
     */
    @Test
    void hystartDelayDetection() {
        for (int rtt : new int[] {14_000, 14_001}) {
            Cubic c = create("tcp_cubic.hystart_detect", "2"); // delay detection only
            TcpSock s = net.tcp(20, SRTT_10MS);
            s.sndNxt = 1000;
            c.init(s); // end_seq = 1000
            c.pktsAcked(s, 1, 10_000);
            assertEquals(10_000, c.delayMin);
            s.sndUna = 1001; // past end_seq: new round
            s.sndNxt = 5000;
            for (int i = 0; i < 8; i++) {
                c.pktsAcked(s, 1, rtt);
            }
            assertEquals(5000, c.hy.endSeq);
            assertEquals(8, c.hy.sampleCnt);
            assertFalse(c.hy.found);
            c.pktsAcked(s, 1, rtt);
            assertEquals(rtt == 14_001, c.hy.found);
            assertEquals(rtt == 14_001 ? 20 : TcpSock.INFINITE_SSTHRESH, s.sndSsthresh);
        }
    }

    /**
     * HyStart ACK train, ACKs every 250 µs (<= hystart_ack_delta_us 2000). delay_min 10 000.
     * No pacing rate: threshold = (10000 + 0) >> 1 = 5000 -> found at the first ACK with
     * now - round_start > 5000, i.e. 5250 µs. Pacing rate 524 288 000 B/s: ack delay =
     * min(1000, 65536*4*1e6/524288000) = 500 -> threshold (10500) >> 1 = 5250 -> found at 5500.
     * Pacing active (fq): threshold not halved, 10 500 -> found at 10 750.
     */
    @Test
    void hystartAckTrainDetection() {
        assertEquals(5250, ackTrainExitUs(0, false));
        assertEquals(5500, ackTrainExitUs(524_288_000L, false));
        assertEquals(10_750, ackTrainExitUs(524_288_000L, true));
    }

    private int ackTrainExitUs(long pacingRate, boolean pacingActive) {
        Cubic c = create("tcp_cubic.hystart_detect", "1");
        TcpSock s = net.tcp(20, SRTT_10MS);
        s.skPacingRate = pacingRate;
        s.skPacingActive = pacingActive;
        s.sndNxt = 100_000;
        c.init(s);
        long start = net.nowPs;
        for (int i = 0; i < 100 && !c.hy.found; i++) {
            c.pktsAcked(s, 1, 10_000);
            if (!c.hy.found) {
                net.advanceUs(250);
            }
        }
        return (int) ((net.nowPs - start) / Time.PS_PER_US);
    }

    /** ACKs spaced more than hystart_ack_delta_us (2000) apart are no train: 3000 µs gaps. */
    @Test
    void hystartIgnoresSpacedAcks() {
        Cubic c = create("tcp_cubic.hystart_detect", "1");
        TcpSock s = net.tcp(20, SRTT_10MS);
        s.sndNxt = 100_000;
        c.init(s);
        for (int i = 0; i < 10; i++) {
            net.advanceUs(3000);
            c.pktsAcked(s, 1, 10_000);
        }
        assertFalse(c.hy.found);
    }

    /**
     * 6.x fix "tcp_cubic: fix incorrect HyStart round start detection": the round restarts when
     * snd_una passes end_seq even while cwnd (10) < hystart_low_window (16); detection itself
     * waits for cwnd 16.
     */
    @Test
    void hystartRoundRestartsBelowLowWindow() {
        TcpSock s = net.tcp(10, SRTT_10MS);
        s.sndNxt = 1000;
        cc.init(s);
        net.advanceUs(700);
        s.sndUna = 1001;
        s.sndNxt = 9000;
        cc.pktsAcked(s, 1, 10_000);
        assertEquals(9000, cc.hy.endSeq);
        assertEquals((int) (Time.ms(T0) / Time.PS_PER_US) + 700, cc.hy.roundStart);
        assertEquals(0, cc.hy.sampleCnt, "no detection sample below the low window");
    }

    /** Delay samples within 1 s (HZ) of the epoch start are discarded. */
    @Test
    void samplesRightAfterRecoveryAreDiscarded() {
        cc.pktsAcked(sk, 1, 10_000);
        Net.fastRetransmit(sk, cc);
        sk.sndCwnd = 70;
        sk.caState = CaState.OPEN;
        cc.congAvoid(sk, 0, 1); // epoch starts at T0
        net.advanceMs(999);
        cc.pktsAcked(sk, 1, 5_000);
        assertEquals(10_000, cc.delayMin);
        net.advanceMs(1);
        cc.pktsAcked(sk, 1, 5_000);
        assertEquals(5_000, cc.delayMin);
    }

    /**
     * RTO: ssthresh with the pre-RTO cwnd 100 -> 70, cwnd 1, set_state(Loss) resets all cubic
     * state (W_max 0 again) and restarts the HyStart round.
     */
    @Test
    void rtoResetsState() {
        Net.rto(sk, cc);
        assertEquals(70, sk.sndSsthresh);
        assertEquals(1, sk.sndCwnd);
        assertEquals(0, cc.lastMaxCwnd);
        assertEquals(0, cc.epochStart);
        assertEquals(~0, cc.hy.currRtt);
    }

    /**
     * CA_EVENT_TX_START after idle shifts the epoch by the idle time: epoch T0, last send at
     * T0 + 100, restart at T0 + 400 -> epoch T0 + 300. If the shift would pass now it is clamped.
     */
    @Test
    void txStartShiftsEpoch() {
        cc.epochStart = T0;
        sk.lsndtime = T0 + 100;
        net.advanceMs(400);
        cc.cwndEvent(sk, CaEvent.TX_START);
        assertEquals(T0 + 300, cc.epochStart);
        sk.lsndtime = T0 - 1000; // idle 1400 ms: T0 + 300 + 1400 is after now -> now
        cc.cwndEvent(sk, CaEvent.TX_START);
        assertEquals(T0 + 400, cc.epochStart);
    }

    /**
     * At most one curve update per jiffy: cwnd moved 70 -> 71 within the same jiffy as the epoch
     * start, so only the TCP-friendly part runs; cnt stays 70 and last_cwnd stays 70.
     * With tcp_friendliness = 0 and tcp_cwnd 80 the cap of renoFriendlyRegionCapsCnt is skipped.
     */
    @Test
    void curveUpdatedAtMostOncePerJiffy() {
        Net.fastRetransmit(sk, cc);
        sk.sndCwnd = 70;
        sk.caState = CaState.OPEN;
        cc.congAvoid(sk, 0, 1);
        sk.sndCwnd = 71;
        cc.congAvoid(sk, 0, 1);
        assertEquals(70, cc.cnt);
        assertEquals(70, cc.lastCwnd);

        Cubic unfriendly = create("tcp_cubic.tcp_friendliness", "0");
        unfriendly.init(sk);
        sk.sndCwnd = 100;
        unfriendly.ssthresh(sk); // W_max 100
        sk.sndCwnd = 70;
        unfriendly.congAvoid(sk, 0, 1); // cnt 70 as in cubicCurveAfterLoss
        unfriendly.tcpCwnd = 80;
        net.advanceMs(40);
        unfriendly.congAvoid(sk, 0, 1);
        assertEquals(70, unfriendly.cnt, "no Reno-friendly cap");
    }

    /** initial_ssthresh applies only when hystart is off. */
    @Test
    void initialSsthreshOnlyWithoutHystart() {
        TcpSock s = net.tcp(10, SRTT_10MS);
        create("tcp_cubic.initial_ssthresh", "50").init(s);
        assertEquals(TcpSock.INFINITE_SSTHRESH, s.sndSsthresh);
        Cubic noHystart = (Cubic) new Cubic.Factory().create(
                Map.of("tcp_cubic.hystart", "0", "tcp_cubic.initial_ssthresh", "50")::get);
        noHystart.init(s);
        assertEquals(50, s.sndSsthresh);
        assertTrue(noHystart.undoCwnd(s) >= s.sndCwnd);
    }
}
