package org.mptcpsim.scenario.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/** RFC 6356's three goals on scenarios, for the coupled congestion controls. */
class CoupledGoalsTest {

    /**
     * Two disjoint paths src -> dst (a and b), 10 Mbit/s, RTT 20 ms, 1 BDP buffers; an MPTCP connection
     * with a subflow on each; {@code tcpA} and {@code tcpB} plain Reno flows on path a and b.
     */
    static String twoPaths(String cc, int tcpA, int tcpB, String duration) {
        StringBuilder sb = new StringBuilder("""
                duration: %s
                kernel: {net.ipv4.tcp_congestion_control: %s}
                nodes: [{id: src, type: host}, {id: dst, type: host}]
                links:
                  - {id: a, from: src, to: dst, rate: 10Mbit, delay: 10ms, buffer: 1BDP}
                  - {id: b, from: src, to: dst, rate: 10Mbit, delay: 10ms, buffer: 1BDP}
                connections:
                  - {id: m, type: mptcp, from: src:a, to: dst:a, subflows: [{from: src:b, to: dst:b}]}
                """.formatted(duration, cc));
        for (int i = 0; i < tcpA; i++) {
            sb.append("  - {id: ta").append(i).append(", type: tcp, from: src:a, to: dst:a, start: ")
                    .append(10 * (i + 1)).append("ms, kernel: {net.ipv4.tcp_congestion_control: reno}}\n");
        }
        for (int i = 0; i < tcpB; i++) {
            sb.append("  - {id: tb").append(i).append(", type: tcp, from: src:b, to: dst:b, start: ")
                    .append(10 * (i + 1) + 5).append("ms, kernel: {net.ipv4.tcp_congestion_control: reno}}\n");
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lia", "olia", "balia"})
    void goal1ImproveThroughputOverTwoDisjointPaths(String cc) {
        // Each path carries one Reno flow as well. A single TCP on the better path would get about half of
        // it (~4.8 Mbit/s of payload); the MPTCP connection, with a subflow on each path, must get at least
        // that. 10 % slack covers the sawtooth of a 200 s run.
        RunResult r = Sim.run(twoPaths(cc, 1, 1, "200s"));
        double m = r.connection("m").goodputMbps();
        double tcpBest = Math.max(r.connection("ta0").goodputMbps(), r.connection("tb0").goodputMbps());
        assertTrue(m >= 0.9 * tcpBest, cc + ": mptcp " + m + " vs best-path tcp " + tcpBest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lia", "olia", "balia"})
    void goal2DoNoHarmAtASharedBottleneck(String cc) {
        // Both subflows and one Reno flow through one 5 Mbit/s bottleneck (RTT 20 ms, BDP 8 packets),
        // 400 s so that some 400 sawtooth cycles average out. Uncoupled subflows would take 2/3 (twice
        // the TCP flow); a coupled CC takes about the TCP flow's share. Accept a ratio mptcp/tcp between
        // 0.5 and 1.4: well clear of 2, and allowing the ACK-counting controls (lia, olia, balia grow per
        // ACK, not per packet acked, so delayed ACKs slow them) to be somewhat timid.
        String yaml = """
                duration: 400s
                kernel: {net.ipv4.tcp_congestion_control: %s}
                nodes: [{id: src, type: host}, {id: t, type: host}, {id: r, type: switch}, {id: dst, type: host}]
                links:
                  - {id: a1, from: src, to: r, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: a2, from: src, to: r, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: a3, from: t, to: r, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: bn, from: r, to: dst, rate: 5Mbit, delay: 9ms, buffer: 1BDP}
                connections:
                  - {id: m, type: mptcp, from: src:a1, to: dst, subflows: [{from: src:a2, to: dst}]}
                  - {id: tcp, type: tcp, from: t, to: dst, start: 15ms, kernel: {net.ipv4.tcp_congestion_control: reno}}
                """.formatted(cc);
        RunResult r = Sim.run(yaml);
        double ratio = r.connection("m").goodputMbps() / r.connection("tcp").goodputMbps();
        assertEquals(2, r.connection("m").subflows().size());
        assertTrue(ratio >= 0.5 && ratio <= 1.4, cc + ": mptcp/tcp = " + ratio);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lia", "olia", "balia"})
    void goal3BalanceCongestionMovesTrafficOffTheBusierPath(String cc) {
        // Path a carries three Reno flows, path b none: a coupled CC puts more of its traffic on b.
        RunResult r = Sim.run(twoPaths(cc, 3, 0, "200s"));
        List<RunResult.SubflowStats> s = r.connection("m").subflows();
        double onA = s.get(0).goodputMbps();
        double onB = s.get(1).goodputMbps();
        assertTrue(onB > 2 * onA, cc + ": busy path " + onA + " vs idle path " + onB);
    }
}
