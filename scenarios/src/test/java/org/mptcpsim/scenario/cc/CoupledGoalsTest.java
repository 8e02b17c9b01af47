package org.mptcpsim.scenario.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/**
 * RFC 6356's three goals on scenarios, for the coupled congestion controls.
 *
 * <p>The kernel's lia, olia and balia advance their window counter once per ACK, not per packet
 * acknowledged ({@code snd_cwnd_cnt++} per call of their cong_avoid, which ignores {@code acked}), so they equal the published per-packet algorithms only
 * when every packet is acknowledged. The goal tests therefore run with an ACK per packet
 * ({@code sim.delayed_ack: false}) and windows of tens of packets (20 Mbit/s, RTT 40 ms, BDP 67
 * packets); {@link #delayedAcksMakeTheAckCountingControlsTimid} shows what Linux's delayed ACKs do.
 */
class CoupledGoalsTest {

    /**
     * Two disjoint paths src -> dst (a and b), 10 Mbit/s, RTT 20 ms, 1 BDP buffers; an MPTCP connection
     * with a subflow on each; {@code tcpA} and {@code tcpB} plain Reno flows on path a and b.
     */
    static String twoPaths(String cc, int tcpA, int tcpB, String duration) {
        StringBuilder sb = new StringBuilder("""
                duration: %s
                kernel: {net.ipv4.tcp_congestion_control: %s, sim.delayed_ack: false}
                nodes: [{id: src, type: host}, {id: dst, type: host}]
                links:
                  - {id: a, from: src, to: dst, rate: 20Mbit, delay: 20ms, buffer: 1BDP}
                  - {id: b, from: src, to: dst, rate: 20Mbit, delay: 20ms, buffer: 1BDP}
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
        // it (~9.5 Mbit/s of payload); the MPTCP connection, with a subflow on each path, must get at least
        // about that. 10 % slack covers the sawtooth of a 200 s run (5 cycles of ~35 s at this BDP).
        // A TCP flow in the MPTCP connection's place on path a would share it with ta0: half of the
        // payload capacity 20 x 1448/1500 = 19.3 Mbit/s, i.e. 9.65 Mbit/s.
        RunResult r = Sim.run(twoPaths(cc, 1, 1, "200s"));
        double m = r.connection("m").goodputMbps();
        assertTrue(m >= 0.9 * 9.65, cc + ": mptcp " + m + " vs one TCP's share of the best path 9.65");
    }

    static String shared(String cc, boolean delayedAck) {
        return """
                duration: 300s
                kernel: {net.ipv4.tcp_congestion_control: %s, sim.delayed_ack: %s}
                nodes: [{id: src, type: host}, {id: t, type: host}, {id: r, type: switch}, {id: dst, type: host}]
                links:
                  - {id: a1, from: src, to: r, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: a2, from: src, to: r, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: a3, from: t, to: r, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: bn, from: r, to: dst, rate: 20Mbit, delay: 19ms, buffer: 1BDP}
                connections:
                  - {id: m, type: mptcp, from: src:a1, to: dst, subflows: [{from: src:a2, to: dst}]}
                  - {id: tcp, type: tcp, from: t, to: dst, start: 15ms, kernel: {net.ipv4.tcp_congestion_control: reno}}
                """.formatted(cc, delayedAck);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lia", "olia", "balia"})
    void goal2DoNoHarmAtASharedBottleneck(String cc) {
        // Both subflows and one Reno flow through one 20 Mbit/s bottleneck (RTT 40 ms, BDP 67 packets),
        // 300 s: about 10 sawtooth cycles. Uncoupled subflows take 2/3 (twice the TCP flow, checked in
        // TcpBehaviourTest); a coupled CC takes about the TCP flow's share. Per-flow shares of Reno-like
        // flows over 10 cycles vary by roughly +-20 %, so the ratio mptcp/tcp must lie in
        // [0.8/1.2, 1.2/0.8] = [0.67, 1.5]: clear of 2.
        RunResult r = Sim.run(shared(cc, false));
        double ratio = r.connection("m").goodputMbps() / r.connection("tcp").goodputMbps();
        assertEquals(2, r.connection("m").subflows().size());
        assertTrue(ratio >= 0.67 && ratio <= 1.5, cc + ": mptcp/tcp = " + ratio);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lia", "olia", "balia"})
    void delayedAcksMakeTheAckCountingControlsTimid(String cc) {
        // Kernel quirk: with Linux's delayed ACKs (one ACK per two segments) the coupled controls add
        // their per-ACK step half as often, while Reno counts packets acknowledged (tcp_cong_avoid_ai).
        // Their additive increase halves, so by the square-root law their share drops by about
        // sqrt(1/2) = 0.71 or more against the same TCP flow: the MPTCP connection gets less than it.
        RunResult r = Sim.run(shared(cc, true));
        double ratio = r.connection("m").goodputMbps() / r.connection("tcp").goodputMbps();
        assertTrue(ratio < 0.9, cc + ": mptcp/tcp = " + ratio);
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
