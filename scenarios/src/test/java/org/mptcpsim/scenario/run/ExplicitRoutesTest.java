package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.Scenario;

/**
 * Explicit routes ({@code routes:}) are honoured by the run, as {@code RouteSpec} says: traffic of
 * the route's address pair crosses exactly its links, the reverse direction (ACKs) the same links
 * backwards; the most specific route wins; every other pair keeps shortest-path ECMP. Before, the
 * simulator ignored {@code routes:} (only the kernel lab's mapper read them).
 */
class ExplicitRoutesTest {

    /**
     * A diamond: the client's interfaces a and b reach switch s1; from s1 the shortest way to the
     * server is p (2 hops from the client, 10 Mbit/s, RTT 2 x (1 + 5) = 12 ms), the long way
     * q1 > s2 > q2 (3 hops, 4 Mbit/s, RTT 2 x (1 + 10 + 5) = 32 ms). The server's first address is
     * on p (its first link in file order).
     */
    static final String DIAMOND = """
            name: diamond
            duration: 10s
            kernel: {net.ipv4.tcp_congestion_control: reno}
            nodes:
              - {id: client, type: host}
              - {id: server, type: host}
              - {id: s1, type: switch}
              - {id: s2, type: switch}
            links:
              - {id: a, from: client, to: s1, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
              - {id: b, from: client, to: s1, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
              - {id: p, from: s1, to: server, rate: 10Mbit, delay: 5ms, buffer: 1BDP}
              - {id: q1, from: s1, to: s2, rate: 4Mbit, delay: 10ms, buffer: 1BDP}
              - {id: q2, from: s2, to: server, rate: 100Mbit, delay: 5ms, buffer: 1000pkt}
            ROUTES
            connections:
              - {id: t1, type: tcp, from: client:a, to: server}
            """;

    private static final String LONG_WAY = "routes:\n  - {from: client, to: server, via: [a, q1, q2]}";

    private static List<String> path(RunResult r, String conn, int subflow) {
        return r.connection(conn).subflows().get(subflow).path();
    }

    @Test
    void aTcpFlowTakesItsExplicitRouteBothWays() {
        RunResult r = Sim.run(DIAMOND.replace("ROUTES", LONG_WAY));
        RunResult.Connection t1 = r.connection("t1");
        // the route's links in order (all crossed from their from to their to); before: [a, p], the shortest
        assertEquals(List.of("a", "q1", "q2"), path(r, "t1", 0));
        // bounded by the route's bottleneck q1: 4 Mbit/s x MSS / (MSS + headers) = 4 x 1448 / 1500
        // = 3.861 Mbit/s. Reno with a 1 BDP buffer keeps q1 busy after slow start (cwnd halves from
        // 2 BDP to 1 BDP); slow start and the first recovery cost well under 1 s of 10 s: above 90 %
        // of the ceiling, 3.47. Over p (before) it got ~9.6 Mbit/s.
        assertTrue(t1.goodputMbps() <= 4 * 1448 / 1500.0, "goodput " + t1.goodputMbps());
        assertTrue(t1.goodputMbps() > 0.9 * 4 * 1448 / 1500.0, "goodput " + t1.goodputMbps());
        // srtt: propagation 32 ms + a data packet's serialisation on q1 (1500 B x 8 / 4 Mbit/s = 3 ms;
        // 0.01 ms on a, 0.12 ms on q2) = 35.1 ms at least; at most + a full q1 queue (1 BDP of 32 ms
        // = 4e6 x 0.032 / 8 = 16000 B = 10.7 -> 11 packets x 3 ms = 33 ms) + a delayed ACK waiting for
        // the next segment (3 ms) + the ACK's serialisation (52 B on 4 Mbit/s, 0.1 ms) = 71.2 ms.
        // Over p it would be 12 ms + 1.2 ms.
        double srtt = t1.subflows().get(0).srttMeanMs();
        assertTrue(srtt >= 35.1 && srtt <= 71.2, "srtt " + srtt);
        // the reverse direction: ACKs cross q2:rev > q1:rev > a:rev, nothing ever crosses p either way
        assertEquals(0.0, r.link("p").utilization());
        assertEquals(0.0, r.link("p:rev").utilization());
        // at least one 52 B ACK per two full segments (delayed ACK): on q1:rev (4 Mbit/s) a share of
        // (goodput / (1448 x 8 bit)) / 2 x 52 x 8 bit / 4 Mbit/s of the run, 1.56 % at 3.47 Mbit/s
        double ackShare = t1.goodputMbps() * 1e6 / (1448 * 8) / 2 * 52 * 8 / 4e6;
        assertTrue(r.link("q1:rev").utilization() >= 0.95 * ackShare,
                "q1:rev " + r.link("q1:rev").utilization() + " < " + ackShare);
        assertTrue(r.link("q2:rev").utilization() > 0 && r.link("a:rev").utilization() > 0);
        Sim.deleteRun(r);
    }

    @Test
    void withoutARouteTheFlowKeepsTheShortestPath() {
        RunResult r = Sim.run(DIAMOND.replace("ROUTES", "").replace("duration: 10s", "duration: 2s"));
        // the control for the test above: shortest path a > p, and q1 carries nothing
        assertEquals(List.of("a", "p"), path(r, "t1", 0));
        assertEquals(0.0, r.link("q1").utilization());
        Sim.deleteRun(r);
    }

    @Test
    void aBdpBufferIsSizedWithTheRoutesRtt() {
        // resolveBuffers takes the initial subflows' routes: q1's 1 BDP is 4 Mbit/s x 32 ms (the
        // route's RTT, above) = 16000 B = 10.7 -> 11 packets of 1500 B; without the route no initial
        // subflow crosses q1 and its BDP is 4 Mbit/s x 2 x 10 ms = 10000 B = 6.7 -> 7 packets
        assertEquals(11, new ScenarioRunner(Sim.parse(DIAMOND.replace("ROUTES", LONG_WAY))).bufferPackets("q1", true));
        assertEquals(7, new ScenarioRunner(Sim.parse(DIAMOND.replace("ROUTES", ""))).bufferPackets("q1", true));
    }

    @Test
    void theMostSpecificRouteWinsWhateverTheFileOrder() {
        String yaml = DIAMOND.replace("duration: 10s", "duration: 2s").replace("ROUTES", """
                routes:
                  - {from: client, to: server, via: [a, q1, q2]}
                  - {from: client:b, to: server, via: [b, p]}
                  - {from: client:b, to: server:q2, via: [b, q1, q2]}""")
                .replace("{id: t1, type: tcp, from: client:a, to: server}", "{id: m1, type: mptcp, from: client:a,"
                        + " to: server, subflows: [{from: client:b, to: server}, {from: client:b, to: server:q2}]}");
        RunResult r = Sim.run(yaml);
        // a -> server:p: only the host-level route applies (0 interfaces pinned)
        assertEquals(List.of("a", "q1", "q2"), path(r, "m1", 0));
        // b -> server:p: the host-level route (0) and client:b's (1) apply; client:b's wins
        assertEquals(List.of("b", "p"), path(r, "m1", 1));
        // b -> server:q2: all three apply; the one pinning both interfaces (2) wins. In file order
        // the host-level route would have won all three.
        assertEquals(List.of("b", "q1", "q2"), path(r, "m1", 2));
        Sim.deleteRun(r);
    }

    @Test
    void ndiffportsSubflowsOfTheRoutedPairAllTakeTheRoute() {
        // ndiffports opens its extra subflows on the initial address pair (client:a -> server:p), so
        // all of them match the pair's route, as a Linux policy route would send them (no ECMP spread)
        String yaml = DIAMOND.replace("duration: 10s", "duration: 2s").replace("ROUTES", LONG_WAY)
                .replace("{id: t1, type: tcp, from: client:a, to: server}", "{id: m1, type: mptcp, from: client:a,"
                        + " to: server, kernel: {net.mptcp.mptcp_path_manager: ndiffports,"
                        + " mptcp_ndiffports.num_subflows: 3}}");
        RunResult r = Sim.run(yaml);
        assertEquals(3, r.connection("m1").subflows().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("a", "q1", "q2"), path(r, "m1", i));
        }
        Sim.deleteRun(r);
    }

    @Test
    void aRouteDeclaredTheOtherWayCarriesTheReverseTraffic() {
        // a route from the server to the client applies to the pair in both directions: the client's
        // flow crosses its links backwards (q2 > q1 reversed is q1 > q2 from the client)
        String yaml = DIAMOND.replace("duration: 10s", "duration: 2s")
                .replace("ROUTES", "routes:\n  - {from: server, to: client:a, via: [q2, q1, a]}");
        RunResult r = Sim.run(yaml);
        assertEquals(List.of("a", "q1", "q2"), path(r, "t1", 0));
        Sim.deleteRun(r);
    }

    @Test
    void theSharedLookupGivesTheLabTheRoute() {
        Scenario sc = Sim.parse(DIAMOND.replace("ROUTES", LONG_WAY));
        List<List<ScenarioRoutes.Hop>> routes = new ScenarioRoutes(sc).routes("client", "a", "server", null);
        assertEquals(1, routes.size());
        assertEquals(List.of("a", "q1", "q2"), routes.get(0).stream().map(h -> h.link().id()).toList());
        // the reverse direction: the same links backwards, each crossed from its to to its from
        List<ScenarioRoutes.Hop> back = ScenarioRoutes.explicit(sc, "server", "p", "client", "a");
        assertEquals(List.of("q2", "q1", "a"), back.stream().map(h -> h.link().id()).toList());
        assertTrue(back.stream().noneMatch(ScenarioRoutes.Hop::forward));
    }
}
