package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
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

    @Test
    void redundantSendsEverySegmentOnBothPaths() {
        // two equal paths: every segment the newer subflow carried was also sent on the older one
        MiniNet n = new MiniNet();
        Address wifi = n.client("wifi", false);
        n.client("lte", false);
        Address e1 = n.server("e1");
        n.path("wifi", "e1", 10_000_000L, Time.ms(20), 100);
        n.path("lte", "e1", 10_000_000L, Time.ms(20), 100);
        n.start(2_000_000, new RedundantScheduler(), new FullMeshPathManager.Factory().create(KernelParams.DEFAULTS),
                wifi, e1);
        n.loop.run(Time.s(10));
        Set<Long> on0 = new HashSet<>();
        Set<Long> on1 = new HashSet<>();
        for (long[] s : n.sent) {
            (s[0] == 0 ? on0 : on1).add(s[1]);
        }
        long both = on1.stream().filter(on0::contains).count();
        assertTrue(on1.size() > 1000, "lte carried " + on1.size());
        assertTrue(both >= 0.95 * on1.size(), both + " of " + on1.size());
        // duplicates cost capacity: 2 MB at 10 Mbit/s of payload needs at least 2e6 x 8 / 9.47e6 = 1.7 s
        assertEquals(2_000_000, n.meta.bytesDelivered());
        // compare: the default scheduler sends a segment on one subflow only (subflow-level
        // retransmissions stay on their subflow; no RTO here, so nothing is reinjected)
        MiniNet d = new MiniNet();
        Address w2 = d.client("wifi", false);
        d.client("lte", false);
        Address s2 = d.server("e1");
        d.path("wifi", "e1", 10_000_000L, Time.ms(20), 100);
        d.path("lte", "e1", 10_000_000L, Time.ms(20), 100);
        d.start(2_000_000, new DefaultScheduler(), new FullMeshPathManager.Factory().create(KernelParams.DEFAULTS),
                w2, s2);
        d.loop.run(Time.s(10));
        Set<Long> d0 = new HashSet<>();
        Set<Long> d1 = new HashSet<>();
        for (long[] s : d.sent) {
            (s[0] == 0 ? d0 : d1).add(s[1]);
        }
        assertTrue(d1.size() > 100, "lte carried " + d1.size());
        assertEquals(0, d1.stream().filter(d0::contains).count());
    }
}
