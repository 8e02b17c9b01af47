package org.mptcpsim.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.sched.DefaultScheduler;
import org.mptcpsim.testnet.MiniNet;

/**
 * Wi-Fi/LTE handover with fullmesh: Wi-Fi 20 Mbit/s, RTT 20 ms; LTE 5 Mbit/s, RTT 60 ms. Wi-Fi
 * goes down at 10 s and comes back at 20 s. MSS 1420 B in 1500 B packets, so a link carries
 * at most rate x 1420/1500 of payload: LTE 4.73 Mbit/s, both 23.7 Mbit/s.
 */
class HandoverTest {
    private static final long SIZE = 50_000_000;
    private static final double LTE_PAYLOAD_MBPS = 5 * 1420 / 1500.0;

    @Test
    void goodputFallsToLteAfterDetectionAndRecoversWithNoDataLost() {
        MiniNet n = new MiniNet();
        Address wifi = n.client("wifi", false);
        n.client("lte", false);
        Address srv = n.server("e1");
        // buffers of about one BDP: Wi-Fi 20e6 x 0.02 / 8 / 1500 = 33 packets, LTE 5e6 x 0.06 / 8 / 1500 = 25
        n.path("wifi", "e1", 20_000_000L, Time.ms(10), 33);
        n.path("lte", "e1", 5_000_000L, Time.ms(30), 25);
        n.start(SIZE, new DefaultScheduler(), new FullMeshPathManager.Factory().create(KernelParams.DEFAULTS), wifi, srv);
        n.at(Time.s(10), () -> n.down("wifi"));
        n.at(Time.s(20), () -> n.up("wifi"));
        List<Long> delivered = new ArrayList<>(); // every 100 ms
        for (int i = 1; i <= 400; i++) {
            n.loop.run(Time.ms(100L * i));
            delivered.add(n.meta.bytesDelivered());
        }
        // detection: the address event is processed at 10.5 s and closes the Wi-Fi subflow (id 0)
        assertEquals(List.of("0 address removed"), n.closed);
        assertEquals(Time.ms(10_500), n.closedAtPs.get(0));
        // before: both links, 23.7 Mbit/s of payload at most
        assertTrue(mbps(delivered, 5, 10) > 20, "before " + mbps(delivered, 5, 10));
        // from 10.5 s + 5 LTE RTTs (0.3 s) on, every 1 s window runs at the LTE rate (>= 80 %;
        // single 0.5 s windows dip to ~79 % around LTE's own loss events)
        for (int t = 108; t <= 188; t += 10) {
            double m = mbps(delivered, t / 10.0, t / 10.0 + 1.0);
            assertTrue(m > 0.8 * LTE_PAYLOAD_MBPS && m < 1.05 * LTE_PAYLOAD_MBPS, "at " + t / 10.0 + "s: " + m);
        }
        // Wi-Fi back at 20 s, its subflow re-created at 20.5 s: well above LTE alone by 22 s
        assertEquals("wifi->e1", n.created.get(n.created.size() - 1));
        assertTrue(mbps(delivered, 22, 24) > 15, "after " + mbps(delivered, 22, 24));
        // no data lost: the whole transfer arrives, in order
        assertTrue(n.meta.complete());
        assertEquals(SIZE, n.meta.bytesDelivered());
    }

    private static double mbps(List<Long> delivered, double fromS, double toS) {
        int a = (int) Math.round(fromS * 10) - 1;
        int b = (int) Math.round(toS * 10) - 1;
        return (delivered.get(b) - delivered.get(a)) * 8 / ((toS - fromS) * 1e6);
    }
}
