package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Head-of-line blocking at the MPTCP receiver, and the out-of-tree default scheduler's answer to it
 * (mptcp_sched.c {@code mptcp_rcv_buf_optimization}: penalisation and opportunistic retransmission).
 */
class HeadOfLineTest {
    // Wi-Fi 20 Mbit/s RTT 20 ms, LTE 5 Mbit/s RTT 160 ms; receive buffer 400 KB -> advertised window 200 KB
    // (half of tcp_rmem[2]) = 140 segments of 1420 B. The LTE path alone holds a BDP of
    // 5e6 x 0.16 / 8 / 1500 = 67 packets, so segments stuck on LTE block the window while Wi-Fi idles.
    static final String HOL = """
            duration: 30s
            kernel:
              net.ipv4.tcp_congestion_control: lia
              net.ipv4.tcp_rmem: "4096 131072 400000"
            paths:
              - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP}
              - {id: lte,  rate: 5Mbit, delay: 80ms, buffer: 1BDP}
            connections:
              - {id: m1, type: mptcp, from: client:wifi, to: server, subflows: [{from: client:lte, to: server}]}
            """;

    @Test
    void aSlowSubflowHoldsUpTheConnectionUntilTheSchedulerPenalisesItAndRetransmitsOnTheFastOne() {
        RunResult both = Sim.run(HOL);
        RunResult wifiOnly = Sim.run(HOL, "connections.m1.subflows=[]");
        double m = both.connection("m1").goodputMbps();
        double w = wifiOnly.connection("m1").goodputMbps();
        // head-of-line blocking: adding the slow path costs goodput instead of adding 5 Mbit/s
        assertTrue(m < w, "with LTE " + m + " vs Wi-Fi alone " + w);
        // opportunistic retransmission: LTE's srtt (~190 ms) is above 4 x Wi-Fi's (~25 ms), so each time the
        // window blocks, the oldest segment (waiting on LTE) is sent again on Wi-Fi: counted as reinjections.
        // The window blocks about once per LTE round trip while LTE carries data (~160 ms, ~6 times a
        // second); require at least one per second of the 30 s run
        long reinjected = reinjections(both);
        assertTrue(reinjected >= 30, "reinjections " + reinjected);
        // penalisation: LTE's window is halved at most once per Wi-Fi srtt while it blocks the window, so it
        // never grows to the 67 packets its path holds; half of that bounds its mean from above
        double lteCwnd = both.connection("m1").subflows().get(1).cwndMean();
        assertTrue(lteCwnd < 67 / 2.0, "LTE cwnd mean " + lteCwnd);
    }

    private static long reinjections(RunResult r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.dir().resolve("summary.json").toFile())
                    .path("connections").path(0).path("reinjections").asLong(-1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
