package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;

class ShortFormTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    static final String TEXT = """
            duration: 20s
            paths:
              - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP, reverse: {rate: 1Mbit}}
              - id: lte
                rate: 10Mbit
                delay: 30ms
                buffer: 64KB
                loss: 0.1%
                schedule:
                  - {at: 10s, action: rate, rate: 5Mbit}
                  - {at: 5s, action: down}
            hosts:
              client: {interfaces: {lte: {backup: true}}}
            """;

    /** name: "" (or blanks, or --set name=) ran as runs/unnamed; the docs give the file name without extension. */
    @Test
    void anEmptyNameIsTheFileName() {
        assertEquals("short", LOADER.parse("short.yaml", "name: \"\"\n" + TEXT, List.of()).name());
        assertEquals("short", LOADER.parse("short.yaml", "name: \"  \"\n" + TEXT, List.of()).name());
        assertEquals("short", LOADER.parse("short.yaml", TEXT, List.of("name=")).name());
    }

    @Test
    void expandsToClientServerAndOneLinkPerPath() {
        Scenario s = LOADER.parse("short.yaml", TEXT, List.of());
        assertEquals("short", s.name());
        assertEquals(List.of("client", "server"), s.nodes().stream().map(NodeSpec::id).toList());
        assertTrue(s.nodes().stream().allMatch(NodeSpec::isHost));
        assertEquals(List.of("wifi", "lte"), s.links().stream().map(l -> l.id()).toList());
        assertEquals("client", s.link("lte").from());
        assertEquals("server", s.link("lte").to());
        HostSpec client = s.hosts().get("client");
        assertEquals(List.of("wifi", "lte"), client.interfaces().stream().map(InterfaceSpec::name).toList());
        assertTrue(client.iface("lte").backup());
        HostSpec server = s.hosts().get("server");
        assertEquals(1, server.interfaces().size());
        assertEquals(HostSpec.ANY, server.interfaces().get(0).name());
        assertEquals(List.of("wifi", "lte"), server.interfaces().get(0).links());
    }

    @Test
    void directionsLossAndSchedule() {
        Scenario s = LOADER.parse("short.yaml", TEXT, List.of());
        assertEquals(1_000_000L, s.link("wifi").reverse().rateBps());
        assertEquals(20_000_000L, s.link("wifi").forward().rateBps());
        assertEquals(s.link("wifi").forward().delayPs(), s.link("wifi").reverse().delayPs());
        assertEquals(0.001, s.link("lte").forward().loss(), 1e-12);
        assertEquals(64_000L, s.link("lte").forward().buffer().count());
        List<LinkEvent> ev = s.link("lte").schedule();
        assertEquals(LinkEvent.Action.DOWN, ev.get(0).action());
        assertEquals(5_000_000_000_000L, ev.get(0).atPs());
        assertEquals(5_000_000L, ev.get(1).rateBps());
    }

    @Test
    void defaultConnectionAndDefaults() {
        Scenario s = LOADER.parse("short.yaml", TEXT, List.of());
        ConnectionSpec c = s.connections().get(0);
        assertEquals("m1", c.id());
        assertEquals(ConnectionSpec.Type.MPTCP, c.type());
        assertNull(c.fromInterface());
        assertTrue(c.isBulk());
        assertEquals(1, s.seed());
        assertEquals(100_000_000_000L, s.samplePs());
        assertEquals("cubic", c.kernel().congestionControl());
        assertEquals("default", c.kernel().pathManager());
    }

    @Test
    void generalFormMayAddHosts() {
        String text = TEXT + """
                nodes:
                  - {id: server, type: host}
                  - {id: other, type: host}
                links:
                  - {id: x, from: other, to: server, rate: 1Gbit, delay: 1ms, buffer: 100pkt}
                connections:
                  - {id: m1, from: client:lte, to: server:any}
                  - {id: t1, type: tcp, from: other, to: server:x, size: 1.5MB}
                """;
        Scenario s = LOADER.parse("short.yaml", text, List.of());
        assertEquals(List.of("any", "x"),
                s.hosts().get("server").interfaces().stream().map(InterfaceSpec::name).toList());
        assertEquals(1_500_000L, s.connection("t1").sizeBytes());
        assertEquals("any", s.connection("m1").toInterface());
    }

    @Test
    void switchNamedClientConflicts() {
        String text = TEXT + "nodes:\n  - {id: client, type: switch}\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.parse("s.yaml", text, List.of()));
        assertTrue(e.problem().contains("short form"), e.getMessage());
    }
}
