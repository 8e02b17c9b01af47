package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.pm.FullMeshPathManager;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.testnet.MiniNet;

/** Schedulers' defining behaviour on a small real network (fullmesh: Wi-Fi + LTE to one server). */
class SchedulerNetworkTest {

    /** Result of a 20 s bulk run: goodput over 2-20 s and mean out-of-order segments at the receiver. */
    private record Run(double mbps, double oooMean, MiniNet net) {
    }

    /**
     * {@link MiniNet#startWifiLte}: Wi-Fi 20 Mbit/s, RTT 20 ms; LTE 5 Mbit/s, RTT 100 ms; 40-packet buffers; receive buffer
     * 400 kB, i.e. an advertised window of 200 000 / 1420 = 140 segments (tcp_adv_win_scale 1).
     */
    private static Run run(PacketScheduler sched, long rcvBuf) {
        MiniNet n = new MiniNet();
        n.cfg = TcpConfig.builder().mptcp(true).rcvBufBytes(rcvBuf).build();
        n.startWifiLte(-1, sched);
        n.loop.run(Time.s(2));
        long start = n.meta.bytesDelivered();
        long ooo = 0;
        for (int t = 21; t <= 200; t++) {
            n.loop.run(Time.ms(100L * t));
            ooo += n.meta.receiverOutOfOrder();
        }
        return new Run((n.meta.bytesDelivered() - start) * 8 / 18e6, ooo / 180.0, n);
    }

    @Test
    void blestAvoidsHeadOfLineBlockingOnTheSlowPath() {
        // Wi-Fi alone carries at most 20 x 1420/1500 = 18.9 Mbit/s of payload. With a 140-segment
        // window the default scheduler puts segments on LTE (100 ms) that block the window while
        // Wi-Fi could have sent ~5 windows' worth; its receive-buffer optimisation (penalising LTE,
        // retransmitting the blocking segment on Wi-Fi) recovers part of it, not all: it stays below
        // 90 % of Wi-Fi alone. BLEST holds the segments back and loses (almost) nothing.
        Run def = run(new DefaultScheduler(), 400_000);
        Run blest = run(new BlestScheduler.Factory().create(KernelParams.DEFAULTS), 400_000);
        assertTrue(def.mbps < 0.9 * 18.9, "default " + def.mbps);
        assertTrue(blest.mbps > 0.95 * 18.9, "blest " + blest.mbps);
        assertTrue(blest.oooMean < def.oooMean / 4, "ooo blest " + blest.oooMean + " default " + def.oooMean);
        assertTrue(((BlestScheduler) blest.net.meta.scheduler()).heldBack() > 0);
    }

    /**
     * Receiver-side delivery times (ps) of the segments of a 12-segment transfer over 1 Gbit/s paths of RTT 20 and
     * 100 ms, no delayed ACKs, a receive buffer of 200 segments (window 100 segments, tcp_adv_win_scale 1).
     */
    private static List<Long> deliveries(PacketScheduler sched, MiniNet n) {
        int mss = TcpConfig.builder().mptcp(true).build().mss();
        n.cfg = TcpConfig.builder().mptcp(true).delayedAck(false).rcvBufBytes(200L * mss).build();
        Address fast = n.client("fast", false);
        n.client("slow", false);
        Address e1 = n.server("e1");
        n.path("fast", "e1", 1_000_000_000L, Time.ms(10), 1000);
        n.path("slow", "e1", 1_000_000_000L, Time.ms(50), 1000);
        n.start(12L * n.cfg.mss(), sched, new FullMeshPathManager.Factory().create(KernelParams.DEFAULTS), fast, e1);
        List<Long> at = new ArrayList<>();
        n.meta.setListener(segments -> at.add(n.loop.nowPs()));
        n.loop.run(Time.s(2));
        return at;
    }

    @Test
    void redundantSendsOneNewSegmentPerRoundTripOfTheFastPath() {
        // mptcp_redundant.c of v0.95.2 (RedundantSchedulerTest): a subflow is offered the segment at snd_una until it is
        // DATA_ACKed, so snd_nxt <= snd_una + 1 and a new segment leaves only when the previous one's DATA_ACK arrives.
        // The fast subflow's first copy of segment k+1 goes out on the ACK that DATA_ACKs k (it also acks that
        // subflow's copy of k, so there is cwnd room) onto an idle link (the subflow's receive window caps its copies
        // in flight at 100 segments, 100 x 12 us = 1.2 ms of the 20 ms round trip), and is ACKed at once (no delayed
        // ACKs). So deliveries are one round trip of the fast path apart:
        // 20 ms + a data frame's and an ACK's serialisation (1500 B and 64 B at 1 Gbit/s: 12 us + 0.512 us).
        // The slow subflow (joined after ~120 ms) sends copies of the same segments; they arrive 80 ms after the fast
        // one's and are dropped as already received.
        MiniNet n = new MiniNet();
        List<Long> at = deliveries(new RedundantScheduler(), n);
        assertEquals(12, at.size());
        long cycle = Time.ms(20) + Time.us(12) + 512_000L;
        for (int k = 1; k < at.size(); k++) {
            assertEquals(cycle, at.get(k) - at.get(k - 1), "delivery " + k);
        }
        assertTrue(n.sentOn(1) > 0, "the slow subflow carried copies");
        // every copy on the slow subflow is of a segment the fast one had sent first
        Set<Long> fastFirst = new HashSet<>();
        for (long[] s : n.sent) {
            if (s[0] == 0) {
                fastFirst.add(s[1]);
            } else {
                assertTrue(fastFirst.contains(s[1]), "copy of " + s[1]);
            }
        }
        // compare: the default scheduler sends 10 segments in the initial window at once (delivered within 10 frame
        // times, 120 us, of the first) and the other 2 on their ACKs, one round trip later
        List<Long> d = deliveries(new DefaultScheduler(), new MiniNet());
        assertEquals(12, d.size());
        assertTrue(d.get(9) - d.get(0) <= Time.us(120), "default " + (d.get(9) - d.get(0)));
        assertTrue(d.get(11) - d.get(0) <= cycle + Time.us(120), "default " + (d.get(11) - d.get(0)));
    }
}
