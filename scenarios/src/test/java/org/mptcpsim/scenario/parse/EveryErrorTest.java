package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpsim.scenario.parse.ErrorsTest.at;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * A file with several mistakes gets all of them in one attempt, in file order, each located; errors that could
 * only follow from another one are held back until that one is fixed. A column is 1 + the characters before the
 * value (or key) on its line, the text block's indentation removed.
 */
class EveryErrorTest {

    private static ScenarioException fail(String text) {
        return assertThrows(ScenarioException.class, () -> ErrorsTest.LOADER.parse("t.yaml", text, List.of()));
    }

    @Test
    void independentMistakesAreAllReportedInFileOrder() {
        ScenarioException e = fail("""
                duration: 10s
                kernel:
                  net.ipv4.tcp_congestion_control: liaa
                  net.ipv4.tcp_sack: 7
                nodes:
                  - {id: a, type: host}
                  - {id: b, type: host}
                links:
                  - {id: l1, from: a, to: b, rate: 10Mbt, delay: 5ms, buffer: 100pkt}
                  - {id: l2, from: a, to: b, rate: 10Mbit, dealy: 5ms, bufer: 100pkt}
                connections:
                  - {id: m1, type: mptcp, from: a, to: b}
                """);
        // five independent mistakes: two kernel options, l1's rate, l2's two unknown fields; the connection is not
        // checked (the topology has errors) and would be fine anyway
        List<ScenarioException> all = e.errors();
        assertEquals(5, all.size(), e.getMessage());
        // "  net.ipv4.tcp_congestion_control: " 35, "  net.ipv4.tcp_sack: " 21, "  - {id: l1, from: a, to: b, rate: " 35,
        // l2's line: "dealy" after 43 characters, "bufer" after 55
        at(all.get(0), "t.yaml", 3, 36, "kernel.net.ipv4.tcp_congestion_control");
        at(all.get(1), "t.yaml", 4, 22, "kernel.net.ipv4.tcp_sack");
        at(all.get(2), "t.yaml", 9, 36, "links[l1].rate");
        at(all.get(3), "t.yaml", 10, 44, "links[l2].dealy");   // both unknown fields of one link
        at(all.get(4), "t.yaml", 10, 56, "links[l2].bufer");
        // the exception itself is the first error, its message every error's, a line each
        at(e, "t.yaml", 3, 36, "kernel.net.ipv4.tcp_congestion_control");
        assertEquals(5, e.lines().size(), e.getMessage());
        assertTrue(e.lines().get(2).startsWith("t.yaml:9:36: links[l1].rate: \"10Mbt\" is not a rate"), e.getMessage());
    }

    @Test
    void connectionsAreCheckedEachOnItsOwnOnceTheTopologyIsGood() {
        ScenarioException e = fail("""
                duration: 10s
                nodes:
                  - {id: a, type: host}
                  - {id: b, type: host}
                links:
                  - {id: l1, from: a, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                connections:
                  - {id: m1, type: mptcp, from: a, to: c}
                  - {id: m2, type: mptcp, from: a, to: b}
                  - {id: m3, type: mptcpp, from: a, to: b}
                  - {id: m4, type: mptcp, from: a, to: b, start: 20s}
                """);
        // m1's unknown host, m3's type and m4's start; m2 is good
        assertEquals(3, e.errors().size(), e.getMessage());
        // "  - {id: m1, type: mptcp, from: a, to: " 39, "  - {id: m3, type: " 19
        at(e.errors().get(0), "t.yaml", 8, 40, "connections[m1].to");
        at(e.errors().get(1), "t.yaml", 10, 20, "connections[m3].type");
        // the start after the end is a check against the duration, at the start's value ("  - {id: m4, type: mptcp,
        // from: a, to: b, start: " is 49 characters)
        at(e.errors().get(2), "t.yaml", 11, 50, "connections[m4].start");
    }

    @Test
    void anErrorThatFollowsFromAnotherIsHeldBack() {
        // node r's type is wrong, so the link to r would be "unknown node r" and the connection over it unroutable:
        // both follow from the first mistake and are not reported until it is fixed
        String text = """
                duration: 10s
                nodes:
                  - {id: a, type: host}
                  - {id: b, type: host}
                  - {id: r, type: swich}
                links:
                  - {id: l1, from: a, to: r, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                  - {id: l2, from: r, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                connections:
                  - {id: m1, type: mptcp, from: a, to: b, start: 20s}
                """;
        ScenarioException e = fail(text);
        assertEquals(1, e.errors().size(), e.getMessage());
        at(e, "t.yaml", 5, 19, "nodes[r].type");   // "  - {id: r, type: " is 18 characters
        assertEquals(1, e.lines().size(), "a single error is one line, as before");
        // fixed, the connection's own mistake shows
        ScenarioException next = fail(text.replace("swich", "switch"));
        assertEquals(1, next.errors().size(), next.getMessage());
        assertEquals("connections[m1].start", next.path(), next.getMessage());
    }

    @Test
    void pastTwentyErrorsTheRestAreCounted() {
        StringBuilder kernel = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            kernel.append("  net.ipv4.tcp_bogus_").append(i).append(": 1\n");
        }
        ScenarioException e = fail("duration: 10s\nkernel:\n" + kernel + """
                paths:
                  - {id: p, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                """);
        // ScenarioException.MAX_REPORTED (20) are kept, the other 5 counted on one more line; bogus_19 is the 20th
        // option, on line 2 + 20 = 22, its key after the 2 spaces of indentation
        assertEquals(25, e.total());
        assertEquals(ScenarioException.MAX_REPORTED, e.errors().size());
        assertEquals(21, e.lines().size(), e.getMessage());
        assertEquals("5 more errors not shown (the first 20 are above)", e.lines().get(20));
        at(e.errors().get(19), "t.yaml", 22, 3, "kernel.net.ipv4.tcp_bogus_19");
    }

    @Test
    void aLineBreakInAValueStaysInsideItsErrorsLine() {
        // "fa\nst" is a YAML double-quoted string holding a line break: the message shows it escaped, one line
        ScenarioException e = fail("""
                duration: 10s
                paths:
                  - {id: wifi, rate: "fa\\nst", delay: 10ms, buffer: 1BDP}
                """);
        assertEquals(1, e.lines().size(), e.getMessage());
        assertTrue(e.getMessage().contains("\"fa\\nst\" is not a rate"), e.getMessage());
    }

    @Test
    void aTraceFilesErrorIsListedWhereTheScenarioNamesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // line 3 names the trace, whose own line 2 is bad; line 4 has a bad rate: the trace's error comes first
        java.nio.file.Files.writeString(dir.resolve("t.mahi"), "1\nx\n");
        java.nio.file.Path f = dir.resolve("s.yaml");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ErrorsTest.LOADER.parse(f.toString(), """
                duration: 10s
                paths:
                  - {id: lte, trace: t.mahi, delay: 25ms, buffer: 150pkt}
                  - {id: wifi, rate: 20Mbt, delay: 10ms, buffer: 1BDP}
                """, List.of()));
        assertEquals(2, e.errors().size(), e.getMessage());
        assertTrue(e.errors().get(0).file().endsWith("t.mahi"), e.getMessage());
        assertEquals(2, e.errors().get(0).line(), "located in the trace file, at its bad line");
        assertEquals("paths[wifi].rate", e.errors().get(1).path(), e.getMessage());
    }

    @Test
    void aBadGeneratedTopologyHoldsBackTheEndpointsOfLinksToIt() {
        // with k=5 no node c0 is generated: "unknown node c0" would only follow from the bad k
        ScenarioException e = fail("""
                duration: 1s
                topology:
                  fattree: {k: 5, rate: 10Gbit, delay: 1us, buffer: 100pkt}
                nodes:
                  - {id: storage, type: host}
                links:
                  - {id: s-c0, from: storage, to: c0, rate: 40Gbit, delay: 1us, buffer: 100pkt}
                """);
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("topology.fattree.k", e.path(), e.getMessage());
    }

    @Test
    void eachRouteIsCheckedOnItsOwnAndConnectionsStillAre() {
        ScenarioException e = fail("""
                duration: 10s
                nodes:
                  - {id: a, type: host}
                  - {id: b, type: host}
                links:
                  - {id: l1, from: a, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
                routes:
                  - {from: a, to: b, via: [l2]}
                  - {from: b, to: b, via: [l1]}
                connections:
                  - {id: m1, type: mptcp, from: a, to: c}
                """);
        assertEquals(List.of("routes[0].via[0]", "routes[1].to", "connections[m1].to"),
                e.errors().stream().map(ScenarioException::path).toList(), e.getMessage());
    }

    @Test
    void aBadSetKeyDoesNotHideTheOtherSetsNorTheFile() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ErrorsTest.LOADER.parse("t.yaml", """
                duration: 10s
                paths:
                  - {id: wifi, rate: 10Mbt, delay: 10ms, buffer: 1BDP}
                  - {id: lte, rate: 10Mbit, delay: 10ms, buffer: 1BDP}
                """, List.of("links.nope.rate=1Mbit", "links.lte.delay=1x")));
        // the --set errors (no file position) first, in command-line order, then the file's
        assertEquals(List.of("--set links.nope.rate=1Mbit", "--set links.lte.delay=1x", "t.yaml"),
                e.errors().stream().map(ScenarioException::file).toList(), e.getMessage());
    }
}
