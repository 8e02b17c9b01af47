package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.Scenario;

/**
 * Hosts do not forward (Linux's default {@code ip_forward=0}): routes pass through switches and
 * through hosts marked {@code forwarding: true} only, and a host accepts a packet for any of its
 * addresses on whichever interface it arrives (reproducers {@code ../shared/repro/route-through-hosts.yaml}
 * and {@code two-links-host-transit.yaml}, issue 10 item 1).
 */
class RoutingTest {

    /** route-through-hosts.yaml: a multi-homed client and server, another host on rb. */
    static final String THROUGH_HOSTS = """
            name: route-through-hosts
            duration: 2s
            nodes:
              - {id: client, type: host}
              - {id: other, type: host}
              - {id: server, type: host}
              - {id: ra, type: switch}
              - {id: rb, type: switch}
            links:
              - {id: ca, from: client, to: ra, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: cb, from: client, to: rb, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: ob, from: other, to: rb, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: as, from: ra, to: server, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: bs, from: rb, to: server, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
            connections:
              - {id: t1, type: tcp, from: other, to: server}
              - {id: m1, type: mptcp, from: client:cb, to: server:as}
            """;

    private static List<String> path(RunResult r, String conn, int subflow) {
        return r.connection(conn).subflows().get(subflow).path();
    }

    @Test
    void otherHostsFlowDoesNotCrossTheClient() {
        RunResult r = Sim.run(THROUGH_HOSTS);
        // t1 goes to the server's first address (link as). ra, the router in front of as, can be
        // reached from rb only through the hosts client or server, which do not forward; so the
        // packet goes to the server by its shortest route, rb > server, and the server accepts it
        // for its address on as. Before: ob > cb:rev > ca > as, through the client.
        assertEquals(List.of("ob", "bs"), path(r, "t1", 0));
        // the same for the client's subflow from cb: before, cb > ... through the server's other side
        assertEquals(List.of("cb", "bs"), path(r, "m1", 0));
        Sim.deleteRun(r);
    }

    @Test
    void aForwardingHostIsATransitNode() {
        // with forwarding on the client, rb reaches ra through it: routers deliver to the address's
        // link as (prefix routing), so t1 takes ob > cb:rev > ca > as (four hops) again
        RunResult r = Sim.run(THROUGH_HOSTS.replace("{id: client, type: host}",
                "{id: client, type: host, forwarding: true}"));
        assertEquals(List.of("ob", "cb:rev", "ca", "as"), path(r, "t1", 0));
        Sim.deleteRun(r);
    }

    /** a - m - b with m a plain host: the error said only "no route from a:l1 to b:l2", not why. */
    @Test
    void noRouteThroughAHostSaysHostsDoNotForward() {
        String text = """
                duration: 2s
                nodes:
                  - {id: a, type: host}
                  - {id: m, type: host}
                  - {id: b, type: host}
                links:
                  - {id: l1, from: a, to: m, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                  - {id: l2, from: m, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                connections:
                  - {id: c1, type: tcp, from: a, to: b}
                """;
        org.mptcpsim.scenario.model.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.mptcpsim.scenario.model.ScenarioException.class, () -> Sim.run(text));
        assertTrue(e.problem().startsWith("no route from a:l1 to b:l2: the only way passes through host m, and hosts"
                + " do not forward other hosts' packets (Linux's ip_forward=0) unless marked forwarding: true"),
                e.getMessage());
        RunResult r = Sim.run(text.replace("{id: m, type: host}", "{id: m, type: host, forwarding: true}"));
        assertEquals(List.of("l1", "l2"), path(r, "c1", 0));
        Sim.deleteRun(r);
    }

    @Test
    void aClientLinkFailureLeavesAnotherHostsFlowAlone() {
        // the client uses ca only; cb (the client's other link) fails at 0.5 s and never comes back
        String yaml = THROUGH_HOSTS.replace("duration: 2s", "duration: 5s")
                .replace("from: client:cb, to: server:as}", "from: client:ca, to: server:as}")
                .replace("{id: cb, from: client, to: rb, rate: 10Mbit, delay: 5ms, buffer: 100pkt}",
                        "{id: cb, from: client, to: rb, rate: 10Mbit, delay: 5ms, buffer: 100pkt,"
                                + " schedule: [{at: 500ms, action: down}]}");
        RunResult r = Sim.run(yaml);
        RunResult.Connection t1 = r.connection("t1");
        assertEquals(List.of("ob", "bs"), t1.subflows().get(0).path());
        // t1 is alone on ob > bs: payload ceiling 10 Mbit/s x 1448/1500 = 9.65 Mbit/s; slow start
        // (BDP 10 Mbit/s x 20 ms = 17 packets, about one RTT from IW10) and the handshake cost
        // well under 0.1 s of 5 s, so above 9.65 x 4.9/5 = 9.46 Mbit/s. Before the fix t1 crossed
        // cb and stopped at 0.5 s (under 1 Mbit/s).
        assertTrue(t1.goodputMbps() > 9.4, "t1 " + t1.goodputMbps());
        Sim.deleteRun(r);
    }

    @Test
    void aHostAcceptsTrafficForAnyOfItsAddresses() {
        // two-links-host-transit.yaml: the connection goes to server:L1 (the server's first
        // address); the subflow from client:L2 reaches the server over L2 and stops there. Before:
        // L2 > L1:rev > L1, through the server and back through the client.
        RunResult r = Sim.run("""
                name: route-bug
                duration: 2s
                kernel: {net.ipv4.tcp_congestion_control: reno}
                nodes: [{id: client, type: host}, {id: server, type: host}]
                links:
                  - {id: L1, from: client, to: server, rate: 10Mbit, delay: 20ms, buffer: 34pkt}
                  - {id: L2, from: client, to: server, rate: 10Mbit, delay: 20ms, buffer: 34pkt}
                connections:
                  - {id: M, type: mptcp, from: "client:L1", to: server, subflows: [{from: "client:L2", to: server}]}
                """);
        assertEquals(List.of("L1"), path(r, "M", 0));
        assertEquals(List.of("L2"), path(r, "M", 1));
        Sim.deleteRun(r);
    }

    @Test
    void theLabMapperSeesTheSimulatorsRoutes() {
        Scenario sc = Sim.parse(THROUGH_HOSTS);
        List<List<ScenarioRoutes.Hop>> routes = new ScenarioRoutes(sc).routes("other", null, "server", null);
        assertEquals(1, routes.size());
        assertEquals(List.of("ob", "bs"), routes.get(0).stream().map(h -> h.link().id()).toList());
    }
}
