package org.mptcpsim.scenario.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

class WVegasTest {
    @Test
    void keepsTheQueueSmallAndLosesNothingInSteadyStateOnAPathItHasAlone() {
        // Two subflows, each alone on its own 10 Mbit/s path (RTT 40 ms, 1 BDP = 33 packets of buffer).
        // wVegas aims at alpha_r packets queued per subflow, with sum of alphas = total_alpha = 10 split by
        // rate weight and each alpha >= 2: a few packets per queue, far below the 33-packet buffer that a
        // loss-based CC fills. After slow start (10 s) there must be no drop at all.
        String yaml = """
                duration: 60s
                kernel: {net.ipv4.tcp_congestion_control: wvegas}
                nodes: [{id: src, type: host}, {id: dst, type: host}]
                links:
                  - {id: a, from: src, to: dst, rate: 10Mbit, delay: 20ms, buffer: 1BDP}
                  - {id: b, from: src, to: dst, rate: 10Mbit, delay: 20ms, buffer: 1BDP}
                connections:
                  - {id: m, type: mptcp, from: src:a, to: dst:a, subflows: [{from: src:b, to: dst:b}]}
                """;
        RunResult r = Sim.run(yaml);
        long dropsAt10 = -1;
        long dropsAtEnd = -1;
        double queueSum = 0;
        int samples = 0;
        for (String[] row : Sim.csv(r, "queues.csv")) {
            if (!row[1].equals("a") && !row[1].equals("b")) {
                continue;
            }
            double t = Double.parseDouble(row[0]);
            if (t >= 10) {
                queueSum += Long.parseLong(row[2]);
                samples++;
            }
            if (row[1].equals("a") && Math.abs(t - 10) < 1e-6) {
                dropsAt10 = Long.parseLong(row[4]);
            }
            if (row[1].equals("a") && Math.abs(t - 60) < 1e-6) {
                dropsAtEnd = Long.parseLong(row[4]);
            }
        }
        double meanQueue = queueSum / samples;
        assertTrue(meanQueue <= 10, "mean queue " + meanQueue + " packets");
        assertEquals(dropsAt10, dropsAtEnd, "drops after slow start");
        // it does move data on both paths: each subflow above a third of its path's payload rate
        // (10 x 1420/1500 = 9.47 Mbit/s); the per-RTT queue-drain back-off keeps wVegas well below it here
        for (var s : r.connection("m").subflows()) {
            assertTrue(s.goodputMbps() > 9.47 / 3, "subflow " + s.id() + " goodput " + s.goodputMbps());
        }
    }
}
