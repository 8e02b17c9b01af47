package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpsim.scenario.ModelText;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;

/** Generated topologies (topology:) and traffic matrices (traffic:): counts, names, determinism. */
class GeneratedTopologyTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    static String fattree(int k, String traffic) {
        return "duration: 1s\n"
                + "topology: {fattree: {k: " + k + ", rate: 10Gbit, delay: 1us, buffer: 100pkt}}\n"
                + "traffic: " + traffic + "\n";
    }

    static Scenario load(String text, String... sets) {
        return LOADER.parse("t.yaml", text, List.of(sets));
    }

    static long hosts(Scenario sc) {
        return sc.nodes().stream().filter(NodeSpec::isHost).count();
    }

    static long switches(Scenario sc) {
        return sc.nodes().stream().filter(n -> !n.isHost()).count();
    }

    /**
     * Al-Fares et al.'s k-ary fat tree: k pods of k/2 edge + k/2 aggregation switches, (k/2)^2 cores
     * -> k*k/2 + k*k/2 + k^2/4 = 5k^2/4 switches; k/2 hosts per edge switch -> k * k/2 * k/2 = k^3/4
     * hosts. Links: one per host (k^3/4), each edge switch to each aggregation switch of its pod
     * (k * (k/2)^2 = k^3/4), each aggregation switch to k/2 cores (k * k/2 * k/2 = k^3/4): 3k^3/4.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 6, 8})
    void fatTreeCounts(int k) {
        Scenario sc = load(fattree(k, "{pattern: permutation}"));
        assertEquals(k * k * k / 4, hosts(sc));
        assertEquals(5 * k * k / 4, switches(sc));
        assertEquals(3 * k * k * k / 4, sc.links().size());
        assertEquals(k * k * k / 4, sc.connections().size(), "a permutation: one connection per host");
        // degrees: a host has 1 link, every switch k (k/2 down, k/2 up; a core has k, one per pod)
        Map<String, Long> degree = sc.links().stream().flatMap(l -> java.util.stream.Stream.of(l.from(), l.to()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (NodeSpec n : sc.nodes()) {
            assertEquals(n.isHost() ? 1L : (long) k, degree.get(n.id()), n.id());
        }
    }

    @Test
    void fatTreeNames() {
        Scenario sc = load(fattree(4, "{pattern: permutation}"));
        // first host, last host, first and last of each switch tier, and one link per tier
        for (String id : List.of("h0_0_0", "h3_1_1", "e0_0", "e3_1", "a0_0", "a3_1", "c0", "c3")) {
            assertNotNull(sc.node(id), id);
        }
        assertTrue(sc.node("h0_0_0").isHost());
        assertEquals(NodeSpec.Type.SWITCH, sc.node("c3").type());
        LinkSpec l = sc.link("h0_1_1-e0_1");
        assertEquals("h0_1_1", l.from());
        assertEquals("e0_1", l.to());
        assertEquals(10_000_000_000L, l.forward().rateBps());
        assertEquals(1_000_000L, l.forward().delayPs());
        assertNotNull(sc.link("e2_0-a2_1"));
        // a<p>_<j> reaches cores j*k/2 .. j*k/2 + k/2 - 1: a1_1 -> c2, c3
        assertNotNull(sc.link("a1_1-c2"));
        assertNotNull(sc.link("a1_1-c3"));
        assertEquals(null, sc.link("a1_1-c0"));
        // hosts come first in node order, h<pod>_<edge>_<i> with i fastest
        assertEquals(List.of("h0_0_0", "h0_0_1", "h0_1_0"), sc.nodes().subList(0, 3).stream().map(NodeSpec::id)
                .toList());
    }

    /** hosts = leaves * hosts_per_leaf; switches = leaves + spines; links = hosts + leaves * spines. */
    @Test
    void leafSpineCounts() {
        Scenario sc = load("""
                duration: 1s
                topology:
                  leafspine: {leaves: 4, spines: 3, hosts_per_leaf: 5, rate: 10Gbit, delay: 1us, buffer: 100pkt,
                              uplink: {rate: 40Gbit}}
                traffic: {pattern: all-to-all, type: tcp}
                """);
        assertEquals(20, hosts(sc));
        assertEquals(7, switches(sc));
        assertEquals(20 + 12, sc.links().size());
        assertEquals(40_000_000_000L, sc.link("l3-s2").forward().rateBps());
        assertEquals(1_000_000L, sc.link("l3-s2").forward().delayPs(), "uplink keeps the host links' delay");
        assertEquals(10_000_000_000L, sc.link("h3_4-l3").forward().rateBps());
        // all-to-all: n(n-1) ordered pairs
        assertEquals(20 * 19, sc.connections().size());
        assertTrue(sc.connections().stream().allMatch(c -> c.type() == ConnectionSpec.Type.TCP));
    }

    /** pairs senders + pairs receivers; 2 switches; links: 2 * pairs access + 1 bottleneck. */
    @Test
    void dumbbellCounts() {
        Scenario sc = load("""
                duration: 1s
                topology:
                  dumbbell:
                    pairs: 3
                    access: {rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                    bottleneck: {rate: 10Mbit, delay: 10ms, buffer: 1BDP, schedule: [{at: 0.5s, action: down}]}
                connections:
                  - {id: m1, from: s0, to: d0}
                """);
        assertEquals(6, hosts(sc));
        assertEquals(2, switches(sc));
        assertEquals(7, sc.links().size());
        LinkSpec b = sc.link("bottleneck");
        assertEquals("left", b.from());
        assertEquals("right", b.to());
        assertEquals(10_000_000L, b.forward().rateBps());
        assertEquals(1, b.schedule().size());
        assertEquals("s2", sc.link("s2-left").from());
        assertEquals("d2", sc.link("right-d2").to());
    }

    @Test
    void composesWithHandWrittenNodesAndLinks() {
        Scenario sc = load("""
                duration: 1s
                topology:
                  dumbbell:
                    pairs: 1
                    access: {rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                    bottleneck: {rate: 10Mbit, delay: 10ms, buffer: 100pkt}
                nodes:
                  - {id: x, type: host}
                links:
                  - {id: x-left, from: x, to: left, rate: 1Gbit, delay: 1ms, buffer: 100pkt}
                  - {id: s0-right, from: s0, to: right, rate: 1Gbit, delay: 1ms, buffer: 100pkt}
                hosts:
                  s0: {interfaces: {s0-right: {backup: true}}}
                routes:
                  - {from: x, to: d0, via: [x-left, bottleneck, right-d0]}
                connections:
                  - {id: m1, from: s0:s0-left, to: d0, subflows: [{from: s0:s0-right}]}
                traffic: {pattern: permutation, hosts: [x, d0, s0]}
                """);
        assertEquals(3, hosts(sc), "s0, d0 and x");
        assertEquals(3 + 2, sc.links().size());
        assertEquals(2, sc.hosts().get("s0").interfaces().size());
        assertTrue(sc.hosts().get("s0").iface("s0-right").backup());
        assertEquals(1 + 3, sc.connections().size());
        assertEquals("m1", sc.connections().get(0).id());
    }

    @Test
    void permutationIsADerangementAndDeterministicPerSeed() {
        Scenario a = load(fattree(4, "{pattern: permutation}"));
        Scenario b = load(fattree(4, "{pattern: permutation}"));
        Scenario c = load(fattree(4, "{pattern: permutation}"), "seed=2");
        assertEquals(pairs(a), pairs(b));
        assertNotEquals(pairs(a), pairs(c), "another seed draws another permutation");
        assertEquals(pairs(a), pairs(load(fattree(4, "{pattern: permutation, seed: 1}"), "seed=2")),
                "traffic.seed pins the permutation whatever the run seed");
        for (Scenario sc : List.of(a, c)) {
            Set<String> senders = new HashSet<>();
            Set<String> receivers = new HashSet<>();
            for (ConnectionSpec x : sc.connections()) {
                assertNotEquals(x.fromHost(), x.toHost());
                assertTrue(senders.add(x.fromHost()));
                assertTrue(receivers.add(x.toHost()));
                assertEquals(x.fromHost() + "-" + x.toHost(), x.id());
            }
            assertEquals(16, senders.size());
            assertEquals(16, receivers.size());
        }
    }

    /**
     * The rejection sampler is uniform over derangements: n = 3 has exactly 2 ({1,2,0} and
     * {2,0,1}); over 20000 draws each should come out 10000 +- 4 sigma (sigma = sqrt(20000/4) ~ 71).
     */
    @Test
    void derangementIsUniform() {
        SplittableRandom r = new SplittableRandom(7);
        int first = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int[] p = TrafficBinder.derangement(3, r);
            for (int j = 0; j < 3; j++) {
                assertNotEquals(j, p[j]);
            }
            if (p[0] == 1) {
                first++;
            }
        }
        assertTrue(Math.abs(first - n / 2) < 4 * 71, "count " + first);
    }

    @Test
    void setsReachGeneratorsAndTraffic() {
        Scenario sc = load(fattree(4, "{pattern: permutation}"), "topology.fattree.k=2", "topology.fattree.rate=1Gbit",
                "traffic.type=tcp", "traffic.kernel.net.ipv4.tcp_congestion_control=reno");
        assertEquals(2, hosts(sc));
        assertEquals(1_000_000_000L, sc.links().get(0).forward().rateBps());
        assertEquals(ConnectionSpec.Type.TCP, sc.connections().get(0).type());
        assertEquals("reno", sc.connections().get(0).kernel().congestionControl());
        Scenario d = load("""
                duration: 1s
                topology:
                  dumbbell:
                    pairs: 1
                    access: {rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                    bottleneck: {rate: 10Mbit, delay: 10ms, buffer: 100pkt}
                connections: [{id: m1, from: s0, to: d0}]
                """, "topology.dumbbell.bottleneck.rate=5Mbit", "topology.dumbbell.pairs=2");
        assertEquals(5_000_000L, d.link("bottleneck").forward().rateBps());
        assertEquals(4, hosts(d));
    }

    /** The printed expansion loads back to the same nodes, links and connections. */
    @Test
    void printedExpansionRoundTrips() {
        String text = """
                duration: 3s
                kernel: {net.mptcp.mptcp_path_manager: ndiffports, mptcp_ndiffports.num_subflows: 8}
                topology:
                  dumbbell:
                    pairs: 2
                    access: {rate: 1Gbit, delay: 1500ns, buffer: 150KB, loss: 0.1%}
                    bottleneck: {rate: 12500kbit, delay: 10ms, buffer: 0.5BDP, rtt: 40ms,
                                 reverse: {rate: 1Gbit}, schedule: [{at: 1s, action: rate, rate: 5Mbit}]}
                nodes: [{id: "null", type: host}]
                links: [{id: n1, from: "null", to: left, rate: 1Gbit, delay: 1ms, buffer: 10pkt}]
                hosts: {s0: {interfaces: {s0-left: {backup: true}}}}
                routes: [{from: s1, to: d1, via: [s1-left, bottleneck, right-d1]}]
                connections:
                  - {id: m1, from: s0, to: d0, start: 1s, size: 64KB, kernel: {net.ipv4.tcp_congestion_control: reno}}
                traffic: {pattern: all-to-all, hosts: [s1, d1]}
                """;
        Scenario a = load(text);
        String printed = ScenarioPrinter.yaml(a);
        Scenario b = load(printed);
        assertEquals(expansion(a), expansion(b), printed);
        assertEquals(printed, ScenarioPrinter.yaml(b), "printing is stable");
        assertTrue(printed.contains("{id: bottleneck, from: left, to: right, rate: 12500kbit, delay: 10ms,"
                + " buffer: 0.5BDP, rtt: 40ms, reverse: {rate: 1Gbit}, schedule: [{at: 1s, action: rate, rate:"
                + " 5Mbit}]}"), printed);
    }

    /**
     * Scale: a k = 8 fat tree (128 hosts, 80 switches, 384 links) with a permutation of 128 MPTCP
     * connections x 8 ndiffports subflows. No timing assertion (speed is measured elsewhere); the
     * load time is printed for the report.
     */
    @Test
    void k8FatTreeLoads() {
        String text = "duration: 1s\n"
                + "kernel: {net.mptcp.mptcp_path_manager: ndiffports, mptcp_ndiffports.num_subflows: 8}\n"
                + "topology: {fattree: {k: 8, rate: 10Gbit, delay: 1us, buffer: 100pkt}}\n"
                + "traffic: {pattern: permutation, type: mptcp}\n";
        long t0 = System.nanoTime();
        load(text);
        long t1 = System.nanoTime();
        Scenario sc = load(text);
        long t2 = System.nanoTime();
        System.out.printf("k=8 fat tree + 128-connection permutation loaded in %.1f ms (first load), %.1f ms"
                + " (second)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        assertEquals(128, hosts(sc));
        assertEquals(80, switches(sc));
        assertEquals(384, sc.links().size());
        assertEquals(128, sc.connections().size());
        assertEquals("8", sc.connections().get(0).kernel().get("mptcp_ndiffports.num_subflows"));
    }

    /** Nodes, links, hosts, routes and connections (effective kernel options) without locations. */
    private static String expansion(Scenario sc) {
        StringBuilder b = new StringBuilder(ModelText.render(List.of(sc.nodes(), sc.links(), sc.hosts(),
                sc.routes())));
        for (ConnectionSpec c : sc.connections()) {
            b.append('\n').append(ModelText.render(new ConnectionSpec(c.id(), c.type(), c.fromHost(),
                    c.fromInterface(), c.toHost(), c.toInterface(), c.startPs(), c.sizeBytes(), null, c.subflows(),
                    c.loc()))).append(c.kernel().effective());
        }
        return b.append('\n').append(sc.kernel().effective()).append(sc.durationPs()).append(sc.seed()).toString();
    }

    private static List<String> pairs(Scenario sc) {
        return sc.connections().stream().map(ConnectionSpec::id).toList();
    }
}
