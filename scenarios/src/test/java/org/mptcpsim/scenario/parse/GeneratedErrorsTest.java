package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpsim.scenario.parse.ErrorsTest.at;
import static org.mptcpsim.scenario.parse.ErrorsTest.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.ScenarioException;

/** Located errors of topology: and traffic: (file, line, column, field path, what is allowed). */
class GeneratedErrorsTest {

    /** A valid fat-tree scenario; tests replace one line (line numbers below refer to it). */
    static final String BASE = """
            duration: 10s
            topology:
              fattree:
                k: 4
                rate: 10Gbit
                delay: 1us
                buffer: 100pkt
            traffic:
              pattern: permutation
              type: mptcp
            """;

    static ScenarioException failBase(String from, String to, String... sets) {
        assertTrue(BASE.contains(from), from);
        return fail("t.yaml", BASE.replace(from, to), sets);
    }

    @Test
    void baseIsValid() {
        assertEquals(16, ErrorsTest.LOADER.parse("t.yaml", BASE, List.of()).connections().size());
    }

    @Test
    void unknownKind() {
        ScenarioException e = failBase("  fattree:", "  fatree:");
        at(e, "t.yaml", 3, 3, "topology.fatree");
        assertTrue(e.getMessage().contains("did you mean fattree?"), e.getMessage());
        assertEquals(Generators.KINDS, e.allowed());
    }

    @Test
    void twoKinds() {
        ScenarioException e = fail("t.yaml", BASE.replace("traffic:", "  dumbbell: {pairs: 1}\ntraffic:"));
        at(e, "t.yaml", 8, 3, "topology.dumbbell");
        assertTrue(e.problem().contains("one generated topology"), e.getMessage());
    }

    @Test
    void topologyNotAMap() {
        ScenarioException e = fail("t.yaml", "duration: 1s\ntopology: fattree\ntraffic: {pattern: permutation}\n");
        at(e, "t.yaml", 2, 11, "topology");
    }

    @Test
    void oddK() {
        ScenarioException e = failBase("    k: 4", "    k: 5");
        at(e, "t.yaml", 4, 8, "topology.fattree.k");
        assertTrue(e.problem().contains("even k"), e.getMessage());
    }

    @Test
    void kBelowTwo() {
        ScenarioException e = failBase("    k: 4", "    k: 0");
        at(e, "t.yaml", 4, 8, "topology.fattree.k");
        assertTrue(e.problem().contains("out of range 2.."), e.getMessage());
    }

    @Test
    void missingField() {
        ScenarioException e = failBase("    buffer: 100pkt\n", "");
        at(e, "t.yaml", 4, 5, "topology.fattree");
        assertEquals("missing required field \"buffer\" in a fattree", e.problem());
    }

    @Test
    void unknownFieldInAGenerator() {
        ScenarioException e = failBase("    k: 4", "    k: 4\n    pods: 4");
        at(e, "t.yaml", 5, 5, "topology.fattree.pods");
        assertEquals(Generators.FATTREE, e.allowed());
    }

    @Test
    void badRateInAGenerator() {
        ScenarioException e = failBase("10Gbit", "10Gbt");
        at(e, "t.yaml", 5, 11, "topology.fattree.rate");
    }

    @Test
    void dumbbellMissingBottleneck() {
        ScenarioException e = fail("t.yaml", """
                duration: 1s
                topology:
                  dumbbell:
                    pairs: 2
                    access: {rate: 1Gbit, delay: 1ms, buffer: 100pkt}
                connections: [{id: m1, from: s0, to: d0}]
                """);
        at(e, "t.yaml", 4, 5, "topology.dumbbell");
        assertEquals("missing required field \"bottleneck\" in a dumbbell", e.problem());
    }

    @Test
    void dumbbellBadTierField() {
        ScenarioException e = fail("t.yaml", """
                duration: 1s
                topology:
                  dumbbell:
                    pairs: 2
                    access: {rate: 1Gbit, delay: 1ms, buffer: 100pkt, schedule: []}
                    bottleneck: {rate: 10Mbit, delay: 10ms, buffer: 1BDP}
                connections: [{id: m1, from: s0, to: d0}]
                """);
        at(e, "t.yaml", 5, 55, "topology.dumbbell.access.schedule");
    }

    @Test
    void leafSpineZeroLeaves() {
        ScenarioException e = fail("t.yaml", """
                duration: 1s
                topology:
                  leafspine: {leaves: 0, spines: 2, hosts_per_leaf: 2, rate: 1Gbit, delay: 1us, buffer: 10pkt}
                traffic: {pattern: all-to-all}
                """);
        at(e, "t.yaml", 3, 23, "topology.leafspine.leaves");
    }

    @Test
    void handWrittenNodeCollidesWithAGeneratedOne() {
        ScenarioException e = fail("t.yaml", BASE + "nodes:\n  - {id: c0, type: switch}\n");
        at(e, "t.yaml", 12, 10, "nodes[c0].id");
        assertTrue(e.problem().contains("duplicate node id \"c0\" (first at topology.fattree at t.yaml:4:5)"),
                e.getMessage());
    }

    @Test
    void handWrittenLinkCollidesWithAGeneratedOne() {
        ScenarioException e = fail("t.yaml", BASE + "links:\n"
                + "  - {id: e0_0-a0_0, from: e0_0, to: a0_0, rate: 1Gbit, delay: 1us, buffer: 10pkt}\n");
        at(e, "t.yaml", 12, 10, "links[e0_0-a0_0].id");   // at the id's value, "  - {id: " being 9 characters, as a node's
        assertTrue(e.problem().contains("generated") || e.problem().contains("topology.fattree"), e.getMessage());
    }

    @Test
    void topologyWithPaths() {
        ScenarioException e = fail("t.yaml", BASE + "paths: [{id: p, rate: 1Gbit, delay: 1ms, buffer: 10pkt}]\n");
        at(e, "t.yaml", 3, 3, "topology");
        assertTrue(e.problem().contains("short form"), e.getMessage());
    }

    @Test
    void unknownPattern() {
        ScenarioException e = failBase("pattern: permutation", "pattern: incast");
        at(e, "t.yaml", 9, 12, "traffic.pattern");
        assertEquals(TrafficBinder.PATTERNS, e.allowed());
    }

    @Test
    void missingPattern() {
        ScenarioException e = failBase("  pattern: permutation\n", "");
        at(e, "t.yaml", 9, 3, "traffic");
        assertEquals("missing required field \"pattern\" in a traffic matrix", e.problem());
    }

    @Test
    void badTrafficType() {
        ScenarioException e = failBase("type: mptcp", "type: udp");
        at(e, "t.yaml", 10, 9, "traffic.type");
    }

    @Test
    void trafficHostIsASwitch() {
        ScenarioException e = failBase("  type: mptcp", "  hosts: [h0_0_0, e0_0]");
        at(e, "t.yaml", 10, 19, "traffic.hosts[1]");
        assertTrue(e.problem().contains("is a switch"), e.getMessage());
    }

    @Test
    void trafficHostRepeated() {
        ScenarioException e = failBase("  type: mptcp", "  hosts: [h0_0_0, h0_0_0]");
        at(e, "t.yaml", 10, 19, "traffic.hosts[1]");
    }

    @Test
    void trafficOfOneHost() {
        ScenarioException e = failBase("  type: mptcp", "  hosts: [h0_0_0]");
        at(e, "t.yaml", 10, 10, "traffic.hosts");
    }

    @Test
    void aTrafficMatrixAboveTheConnectionLimitIsRefusedWithItsCount() {
        // k = 10: k^3/4 = 250 hosts; all-to-all: 250 x 249 = 62 250 connections, above the limit of 20 000
        ScenarioException e = fail("t.yaml", BASE.replace("k: 4", "k: 10").replace("pattern: permutation",
                "pattern: all-to-all"));
        at(e, "t.yaml", 9, 12, "traffic.pattern");   // BASE line 9: "  pattern: ...", the value at column 12
        assertTrue(e.getMessage().contains("the all-to-all traffic of 250 hosts would be 62250 connections (250 x 249);"
                + " the largest allowed traffic matrix is 20000 connections"), e.getMessage());
        // k = 8: 128 hosts, 128 x 127 = 16 256 connections, within it
        assertEquals(16_256, ErrorsTest.LOADER.parse("t.yaml", BASE.replace("k: 4", "k: 8").replace(
                "pattern: permutation", "pattern: all-to-all"), List.of()).connections().size());
    }

    @Test
    void trafficIdCollidesWithAConnection() {
        String text = BASE.replace("  pattern: permutation", "  pattern: all-to-all")
                + "connections: [{id: h0_0_0-h0_0_1, from: h0_0_0, to: h0_0_1}]\n";
        ScenarioException e = fail("t.yaml", text);
        at(e, "t.yaml", 11, 15, "connections[h0_0_0-h0_0_1].id");
    }

    @Test
    void trafficStartsAfterTheEnd() {
        ScenarioException e = failBase("  type: mptcp", "  start: 20s");
        at(e, "t.yaml", 9, 3, "traffic.start");
    }

    @Test
    void badSetKeys() {
        ScenarioException e = fail("t.yaml", BASE, "topology.fattree.pods=4");
        at(e, "--set topology.fattree.pods=4", 0, 0, "topology.fattree.pods=4".split("=")[0]);
        assertEquals(Generators.FATTREE, e.allowed());
        e = fail("t.yaml", BASE, "topology.fatree.k=4");
        assertEquals(Generators.KINDS, e.allowed());
        e = fail("t.yaml", BASE, "topology.fattree.k=3");
        at(e, "--set topology.fattree.k=3", 0, 0, "topology.fattree.k");
        e = fail("t.yaml", BASE, "traffic.pattern=incast");
        at(e, "--set traffic.pattern=incast", 0, 0, "traffic.pattern");
        e = fail("t.yaml", BASE, "links.e0_0-a0_0.rate=1Gbit");
        assertTrue(e.problem().contains("topology.<kind>.<field>"), e.getMessage());
    }
}
