package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.RttEstimator;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.tcp.TcpState;
import org.mptcpsim.testnet.HandWired;

/**
 * Issue 16.1: an MP_JOIN whose SYN is lost. Before the fix the join took no RTT sample (Karn), the
 * fourth ACK ran tcp_set_rto with srtt = rttvar = 0, the RTO became 0 and the first data RTO
 * refired at one instant until the heap was exhausted.
 */
class JoinSynLostTest {
    private final SimContext sim = SimContext.fresh();
    private final EventLoop loop = sim.loop();

    @Test
    void aJoinWhoseSynIsLostStartsWithTheKernelsRtoAndTheRunCompletes() {
        TcpConfig cfg = TcpConfig.builder().mptcp(true).build();
        Link[] a = HandWired.path(sim, 0, 10_000_000L, Time.ms(10), 100);
        Link[] b = HandWired.path(sim, 1, 10_000_000L, Time.ms(20), 100);
        b[0].setUp(false); // the join's first SYN (t = 0) is lost
        loop.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                b[0].setUp(true);
            }
        }, Time.ms(500));
        MptcpConnection meta = new MptcpConnection(0, -1, cfg, new DefaultScheduler(), PathManager.DEFAULT);
        HandWired.add(sim, meta, 0, a);
        Subflow join = HandWired.add(sim, meta, 1, b);

        // The SYN is retransmitted when TCP_TIMEOUT_INIT (1 s) expires, at t = 1.000 s; its SYN/ACK
        // comes back at 1.040 s + 2 x 57.6 us (72 B at 10 Mbit/s each way) = 1.040115 s; the third
        // ACK leaves then and the peer's fourth ACK is back at about 1.0802 s. Data RTT samples
        // come one RTT later (>= 1.12 s), so at 1.10 s the RTO is what the handshake left.
        loop.run(Time.ms(1100));
        assertEquals(TcpState.ESTABLISHED, join.sk.state);
        assertTrue(!join.sk.preEstablished, "the fourth ACK arrived");
        // Kernel (tcp_ack_update_rtt): Karn forbids the SYN's own timing, so the sample is the
        // TSecr the SYN/ACK echoes, in 1 ms timestamp ticks: 1040 - 1000 = 40 ms. tcp_rtt_estimator's
        // first sample: srtt = 40 ms, mdev = 80 ms, rttvar = max(80 ms, rto_min 200 ms) = 200 ms;
        // tcp_set_rto: 40 + 200 = 240 ms. tcp_init_metrics keeps it (srtt != 0, no cached metric).
        assertEquals(40_000, join.sk.srttUs >>> 3);
        assertEquals(240_000, join.sk.icskRtoUs);
        assertEquals(0, join.sk.icskBackoff);

        loop.run(Time.s(5)); // finishes (before the fix: an RTO of 0 refiring at one instant)
        // From ~1.08 s to 5 s the join's own 10 Mbit/s path could carry 3.9 s x 10e6 x 1420/1500 / 8
        // = 4.6 MB of payload; > 1 MB (about a fifth of that, slack for slow start and the default
        // scheduler's preference for the lower-RTT path a) shows it carries data instead of looping on RTOs
        assertTrue(join.sk.bytesAcked > 1_000_000, "the joined subflow carries data: " + join.sk.bytesAcked);
        assertTrue(join.sk.icskRtoUs >= 200_000, "RTO at least rto_min: " + join.sk.icskRtoUs);
    }

    @Test
    void withoutAnyHandshakeSampleTheRtoFallsBackTo3sAndIsNeverBelowRtoMin() {
        // tcp_init_metrics with srtt 0 (no sample from the 3WHS, no cached RTT): RFC 6298 §5.7
        TcpSock sk = new TcpSock(() -> 0, null, 0, 1448);
        RttEstimator.initWithoutSample(sk);
        assertEquals(3_000_000, sk.icskRtoUs);
        // recomputed later (the fourth ACK undoing a backoff): srtt 0 + rttvar 3 s = 3 s, not 0
        RttEstimator.setRto(sk, 200_000);
        assertEquals(3_000_000, sk.icskRtoUs);
        // and a socket with nothing at all gets rto_min, never 0
        TcpSock empty = new TcpSock(() -> 0, null, 0, 1448);
        RttEstimator.setRto(empty, 200_000);
        assertEquals(200_000, empty.icskRtoUs);
    }
}
