package org.mptcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * {@link Recovery} (tcp_fastretrans_alert, RACK, PRR) as a hand-driven state machine over a
 * {@link Scoreboard}: segments of 1000 bytes sent at chosen times, ACKs built by hand, min RTT
 * 10 ms, Reno's ssthresh (cwnd / 2). Every path has a one-way RTT of 10 ms, so the ACK (or SACK)
 * of a segment sent at t arrives at t + 10 ms, and RACK's rtt is 10 ms throughout.
 *
 * <p>The {@link Sender} below runs the loss-recovery part of {@code tcp_ack} in the engine's order
 * (tcp_sacktag_write_queue, tcp_clean_rtx_queue, tcp_fastretrans_alert, then tcp_cwnd_reduction
 * when in Recovery) and then sends what cwnd allows as {@link Subflow} does: lost segments first,
 * lowest first, then new data while the application has some. cong_avoid is not called (outside
 * Recovery it only grows cwnd, which these cases do not need).
 */
class RecoveryTest {
    static final long MS = Time.ms(1);

    /** A sender reduced to what Recovery needs. */
    static final class Sender {
        final EventLoop loop = new EventLoop();
        final TcpSock sk = new TcpSock(loop, null, 0, 1000);
        final Scoreboard sb = new Scoreboard(sk, 0);
        /** Segment indices put on the wire, in order (new and retransmitted). */
        final List<Integer> sent = new ArrayList<>();
        final Event reo = new Event() {
            @Override
            protected void onEvent(long now) {
                rec.reoTimeout(now);
                xmit();
            }
        };
        final Recovery rec = new Recovery(sk, new TestReno(), sb, loop, reo, TraceSink.NONE, 0);
        /** Segments the application has written (new data is sent only up to this). */
        final int appSegments;

        Sender(int cwnd, int appSegments) {
            this.appSegments = appSegments;
            sk.sndCwnd = cwnd;
            sk.minRttUs = 10_000;
            sk.state = TcpState.ESTABLISHED;
        }

        void at(long t) {
            loop.run(t);
        }

        /** The initial flight: segment i sent at i x spacing. */
        void initialFlight(int n, long spacingPs) {
            for (int i = 0; i < n; i++) {
                at(i * spacingPs);
                sendNew();
            }
        }

        void sendNew() {
            int i = sb.append(sb.nxt);
            sk.packetsOut++;
            sk.sndNxt = sb.seq(sb.nxt);
            put(i);
        }

        private void put(int i) {
            sb.xmitPs[i & sb.mask] = loop.nowPs();
            rec.onSegmentSent();
            sent.add(i);
        }

        /** As Subflow: tcp_xmit_retransmit_queue, then new data; returns the segments sent. */
        int xmit() {
            int before = sent.size();
            if (sk.lostOut > 0) {
                int i = Math.max(sb.rtxCursor, sb.una);
                while (i <= sb.highLost && i < sb.nxt && sk.packetsInFlight() < sk.sndCwnd) {
                    if ((sb.flagsOf(i) & (Scoreboard.LOST | Scoreboard.RETRANS | Scoreboard.SACKED))
                            == Scoreboard.LOST) {
                        sb.markRetransmitted(i);
                        sk.retransOut++;
                        put(i);
                    }
                    i++;
                }
                sb.rtxCursor = i;
            }
            while (sb.nxt < appSegments && sk.packetsInFlight() < sk.sndCwnd) {
                sendNew();
            }
            return sent.size() - before;
        }

        /** An ACK at time t: cumulative ACK {@code cum}, SACK block [ss, se); returns the segments sent after it. */
        int ack(long t, int cum, int ss, int se) {
            at(t);
            long now = loop.nowPs();
            int priorUna = sb.una;
            int sacked = sb.sacktag(ss, se, cum, now);
            int acked = sb.cleanRtxQueue(cum, now);
            rec.fastRetransAlert(now);
            if (sk.caState == CaState.RECOVERY || sk.caState == CaState.CWR) {
                rec.cwndReduction(acked + sacked, sb.una != priorUna);
            }
            return xmit();
        }

        int last() {
            return sent.get(sent.size() - 1);
        }
    }

    /**
     * RACK's reordering window. Segments 0..9 at 0, 1, ..., 9 ms; segment 0 is lost. The SACK of
     * segment 1 (sent at 1 ms) arrives at 11 ms: segment 0 was sent before it, but only 1 segment is
     * SACKed (&lt; tcp_reordering 3), so the window is min_rtt / 4 = 2.5 ms and segment 0 is lost at
     * 0 + rtt 10 + 2.5 = 12.5 ms: Disorder and the reordering timer for 12.5 ms. The SACK of segment
     * 2 at 12 ms changes nothing (2 SACKed). At 12.5 ms - 1 ps still nothing; at 12.5 ms the timer
     * marks it lost and enters Recovery: ssthresh 10 / 2 = 5, prior_cwnd 10, and one PRR step with
     * delivered 1: in flight = 10 - (2 SACKed + 1 lost) = 7, delta = 5 - 7 &lt; 0, so sndcnt =
     * ceil(5 x 1 / 10) - prr_out 0 = 1 and cwnd = 7 + 1 = 8: segment 0 goes out again.
     */
    @Test
    void rackReorderingWindowIsAQuarterOfMinRtt() {
        Sender s = new Sender(10, 10);
        s.initialFlight(10, MS);
        s.ack(11 * MS, 0, 1, 2);
        assertEquals(CaState.DISORDER, s.sk.caState);
        assertEquals(Time.us(12_500), s.reo.scheduledTime());
        s.ack(12 * MS, 0, 1, 3);
        s.at(Time.us(12_500) - 1);
        assertEquals(0, s.sk.lostOut);
        s.at(Time.us(12_500));
        assertEquals(1, s.sk.lostOut);
        assertEquals(CaState.RECOVERY, s.sk.caState);
        assertEquals(5, s.sk.sndSsthresh);
        assertEquals(8, s.sk.sndCwnd);
        assertEquals(0, s.last());
        assertEquals(1, s.sk.retransOut);
    }

    /**
     * Reordering inside the window is not a loss. As above, but segment 0 arrives late, at 12 ms,
     * with segment 2: cumulative ACK 3. Nothing is SACKed, lost or retransmitted: back to Open. The
     * timer still fires at 12.5 ms and finds nothing (RACK's newest delivered send time is 2 ms,
     * segment 3 was sent at 3 ms): no reduction at all.
     */
    @Test
    void reorderingWithinTheWindowIsNotALoss() {
        Sender s = new Sender(10, 10);
        s.initialFlight(10, MS);
        s.ack(11 * MS, 0, 1, 2);
        s.ack(12 * MS, 3, 0, 0);
        assertEquals(CaState.OPEN, s.sk.caState);
        s.at(13 * MS);
        assertEquals(0, s.sk.lostOut);
        assertEquals(0, s.rec.ssthreshReductions);
        assertEquals(CaState.OPEN, s.sk.caState);
        assertEquals(TcpSock.INFINITE_SSTHRESH, s.sk.sndSsthresh);
    }

    /**
     * Two SACK holes and dupthresh. Segments 0..9 every 0.5 ms; 0 and 2 are lost. SACKs: [1,2) at
     * 10.5 ms, [3,4) at 11.5 ms (2 SACKed: window 2.5 ms, segment 0 due at 12.5 ms), [3,5) at 12 ms:
     * 3 SACKed = tcp_reordering, so the window is 0 and every unSACKed segment sent before the
     * newest delivered one (segment 4, 2 ms) whose 10 ms have passed is lost: 0 (0 + 10 &le; 12) and
     * 2 (1 + 10 &le; 12); segment 5 (2.5 ms) is not before it. Recovery: ssthresh 5, in flight
     * 10 - (3 + 2) = 5, delta 0, no una advance: sndcnt = min(0, 1) = 0, raised to 1 as nothing was
     * sent yet (prr_out 0): cwnd 6, segment 0 goes out (lowest first). [3,6) at 12.5 ms: in flight
     * 10 - (4 + 2) + 1 = 5, delta 0, prr_out 1: sndcnt 0, cwnd 5. [3,7) at 13 ms: in flight 4,
     * delta 1: sndcnt 1, segment 2 goes out. Segment 1 (SACKed) is never resent.
     */
    @Test
    void sackHolesAreMarkedAtDupthreshAndResentLowestFirst() {
        Sender s = new Sender(10, 10);
        s.initialFlight(10, MS / 2);
        s.ack(Time.us(10_500), 0, 1, 2);
        s.ack(Time.us(11_500), 0, 3, 4);
        assertEquals(0, s.sk.lostOut);
        assertEquals(CaState.DISORDER, s.sk.caState);
        assertEquals(1, s.ack(12 * MS, 0, 3, 5));
        assertEquals(2, s.sk.lostOut);
        assertEquals(CaState.RECOVERY, s.sk.caState);
        assertEquals(6, s.sk.sndCwnd);
        assertEquals(0, s.last());
        assertEquals(0, s.ack(Time.us(12_500), 0, 3, 6));
        assertEquals(5, s.sk.sndCwnd);
        assertEquals(1, s.ack(13 * MS, 0, 3, 7));
        assertEquals(2, s.last());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 2), s.sent);
    }

    /**
     * PRR's sndcnt per ACK, the single-loss example of RFC 6937 section 5 (a window of 20, Reno's
     * ssthresh 10). Segments 0..19 every 0.5 ms, bulk data; segment 0 is lost. The SACKs of 1 and
     * 2 (Disorder) each let one new segment out (20, 21: in flight 19 &lt; 20). The SACK of 3 at
     * 11.5 ms makes 3 SACKed: segment 0 lost, Recovery with prior_cwnd 20, ssthresh 10, high_seq
     * 22 segments. From then on (tcp_cwnd_reduction), with N the ACKs since, each delivering 1:
     * while in flight &gt; ssthresh, sndcnt = ceil(10 N / 20) - prr_out, which alternates 1, 0
     * (one segment per two ACKs: ssthresh / prior_cwnd = 1/2); in flight before the ACK's sends is
     * 18, 18, 17, 17, ... down to 10 at N = 17 (the SACK of 19), where delta = 0 gives 0; then the
     * SACKs of 20 and 21 find 9 in flight, delta 1: sndcnt = min(delta, delivered) = 1, packet
     * conservation. 10 segments sent in Recovery = ssthresh. The retransmission of 0 (sent at
     * 11.5 ms) arrives at 21.5 ms: cumulative ACK 22 = high_seq, so Recovery ends
     * (tcp_end_cwnd_reduction: cwnd = ssthresh = 10) and the state is Open.
     */
    @Test
    void prrSendsOnePerTwoAcksThenConservesPackets() {
        Sender s = prrScenario();
        // sent in Recovery: prr_out 10 = the retransmission of 0 and new segments 22..30
        assertEquals(10, s.rec.prrOut);
        assertEquals(31, s.sb.nxt);
        int exited = s.ack(Time.us(21_500), 22, 0, 0);
        assertEquals(CaState.OPEN, s.sk.caState);
        assertEquals(10, s.sk.sndCwnd);
        assertEquals(0, s.sk.lostOut);
        assertEquals(0, s.sk.retransOut);
        assertEquals(0, s.sk.sackedOut);
        // in flight after the ACK: 31 sent - 22 acked = 9 < cwnd 10: one more new segment
        assertEquals(1, exited);
    }

    /** The ACKs of {@link #prrSendsOnePerTwoAcksThenConservesPackets} up to the SACK of 21, with the sndcnt of each checked. */
    private static Sender prrScenario() {
        Sender s = new Sender(20, 1000);
        s.initialFlight(20, MS / 2);
        assertEquals(1, s.ack(Time.us(10_500), 0, 1, 2));
        assertEquals(1, s.ack(Time.us(11_000), 0, 1, 3));
        int[] expected = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1};
        for (int n = 1; n <= expected.length; n++) {
            // the N-th ACK in Recovery SACKs segment N + 2, sent at (N + 2) x 0.5 ms, except 20 and 21,
            // sent after the SACKs of 1 and 2 (10.5 and 11 ms)
            int seg = n + 2;
            long sentAtUs = seg < 20 ? 500L * seg : 10_500L + 500L * (seg - 20);
            int sent = s.ack(Time.us(sentAtUs + 10_000), 0, 1, seg + 1);
            assertEquals(expected[n - 1], sent, "sndcnt of ACK " + n);
            if (n == 1) {
                assertEquals(CaState.RECOVERY, s.sk.caState);
                assertEquals(10, s.sk.sndSsthresh);
                assertEquals(0, s.last());
            }
        }
        assertEquals(10, s.sk.packetsInFlight());
        return s;
    }

    /**
     * Loss of a retransmission (RACK over the tsorted retransmission queue). As the PRR case, but
     * the retransmission of 0 (sent at 11.5 ms) is lost too: no cumulative ACK at 21.5 ms. The SACK
     * of segment 22 (sent at 12.5 ms, after the retransmission) arrives at 22.5 ms: the
     * retransmission was sent before the newest delivered segment and 11.5 + 10 + window 0 (in
     * Recovery) &le; 22.5, so it is lost: SACKED_RETRANS cleared, retrans_out 0, and segment 0 may
     * go again. In flight 31 - (22 + 1) + 0 = 8, delta 10 - 8 = 2: sndcnt = min(2, 1) = 1, and that
     * one is segment 0 (lost segments first) - without an RTO: still Recovery, ssthresh reduced once.
     */
    @Test
    void lostRetransmissionIsDetectedByRackAndResent() {
        Sender s = prrScenario();
        assertEquals(1, s.ack(Time.us(22_500), 0, 1, 23));
        assertEquals(0, s.last());
        assertEquals(1, s.sk.retransOut);
        assertEquals(1, s.sk.lostOut);
        assertEquals(9, s.sk.sndCwnd);
        assertEquals(CaState.RECOVERY, s.sk.caState);
        assertEquals(1, s.rec.ssthreshReductions);
        assertEquals(3, s.sent.stream().filter(i -> i == 0).count());
        assertFalse(s.reo.isScheduled());
    }
}
