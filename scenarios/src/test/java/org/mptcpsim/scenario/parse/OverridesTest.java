package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;

class OverridesTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    static final String TEXT = """
            duration: 20s
            kernel:
              mptcp_wvegas: {total_alpha: 12}
            paths:
              - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP}
              - {id: lte, rate: 10Mbit, delay: 30ms, buffer: 1BDP}
            connections:
              - {id: m1, from: client, to: server, kernel: {net.ipv4.tcp_congestion_control: olia}}
              - {id: m2, from: client, to: server}
            """;

    static Scenario load(String... sets) {
        return LOADER.parse("o.yaml", TEXT, List.of(sets));
    }

    /**
     * "-D connections.m1.size=1KB" on a short-form scenario said 'no connections entry with id "m1"' although the
     * short form creates m1; it now sets the implied m1, and another id names the one that exists.
     */
    @Test
    void theShortFormsImpliedConnectionIsAddressable() {
        String shortForm = TEXT.substring(0, TEXT.indexOf("connections:"));
        Scenario plain = LOADER.parse("o.yaml", shortForm, List.of());
        Scenario s = LOADER.parse("o.yaml", shortForm, List.of("connections.m1.size=1KB",
                "connections.m1.kernel.net.ipv4.tcp_congestion_control=olia"));
        assertEquals(1, s.connections().size());
        ConnectionSpec m1 = s.connections().get(0);
        assertEquals(1000L, m1.sizeBytes());   // 1KB = 1000 bytes
        assertEquals("olia", m1.kernel().congestionControl());
        ConnectionSpec d = plain.connections().get(0);
        assertEquals(List.of(d.id(), d.type(), d.fromHost(), d.toHost(), d.startPs()),
                List.of(m1.id(), m1.type(), m1.fromHost(), m1.toHost(), m1.startPs()));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> LOADER.parse("o.yaml", shortForm, List.of("connections.m2.size=1KB")));
        assertTrue(e.problem().contains("the short form (paths: without connections:) has one connection, m1"),
                e.getMessage());
        assertEquals(List.of("m1"), e.allowed());
    }

    @Test
    void topLevelFields() {
        Scenario s = load("duration=120s", "seed=7", "sample=10ms", "name=x");
        assertEquals(120_000_000_000_000L, s.durationPs());
        assertEquals(7, s.seed());
        assertEquals(10_000_000_000L, s.samplePs());
        assertEquals("x", s.name());
        assertEquals(List.of("duration", "seed", "sample", "name"), List.copyOf(s.overrides().keySet()));
    }

    @Test
    void pathAndLinkFieldsById() {
        Scenario s = load("paths.wifi.delay=5ms", "links.lte.rate=5Mbit", "links.lte.reverse.buffer=50pkt",
                "paths.wifi.rtt=40ms");
        assertEquals(5_000_000_000L, s.link("wifi").forward().delayPs());
        assertEquals(5_000_000L, s.link("lte").forward().rateBps());
        assertEquals(BufferSpec.Kind.BDP, s.link("lte").forward().buffer().kind());
        assertEquals(50, s.link("lte").reverse().buffer().count());
        assertEquals(40_000_000_000L, s.link("wifi").rttPs());
    }

    @Test
    void scheduleAsYamlFlow() {
        Scenario s = load("links.lte.schedule=[{at: 1s, action: down}, {at: 2s, action: up}]");
        assertEquals(List.of(LinkEvent.Action.DOWN, LinkEvent.Action.UP),
                s.link("lte").schedule().stream().map(LinkEvent::action).toList());
    }

    @Test
    void kernelOptionsByNameAndUnderKernel() {
        Scenario s = load("net.ipv4.tcp_congestion_control=lia", "kernel.mptcp_wvegas.total_alpha=20",
                "sim.delayed_ack=false");
        assertEquals("lia", s.kernel().congestionControl());
        assertEquals(20, s.kernel().intValue("mptcp_wvegas.total_alpha"));
        // a per-connection override in the file still wins over the scenario-wide option
        assertEquals("olia", s.connection("m1").kernel().congestionControl());
        assertEquals("lia", s.connection("m2").kernel().congestionControl());
        assertEquals(20, s.connection("m2").kernel().intValue("mptcp_wvegas.total_alpha"));
        assertEquals(false, s.connection("m2").kernel().delayedAck());
    }

    @Test
    void perConnection() {
        Scenario s = load("connections.m1.kernel.net.ipv4.tcp_congestion_control=balia",
                "connections.m2.start=2s", "connections.m2.size=10MB", "connections.m2.type=tcp");
        assertEquals("balia", s.connection("m1").kernel().congestionControl());
        assertEquals(2_000_000_000_000L, s.connection("m2").startPs());
        assertEquals(10_000_000L, s.connection("m2").sizeBytes());
        assertEquals("cubic", s.connection("m2").kernel().congestionControl());
    }

    @Test
    void laterSetWins() {
        assertEquals(3, load("seed=2", "seed=3").seed());
    }

    @Test
    void unknownKernelOptionInSet() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load("kernel.tcp_cubic.bta=700"));
        assertTrue(e.problem().contains("did you mean tcp_cubic.beta?"), e.getMessage());
        assertEquals("--set kernel.tcp_cubic.bta=700", e.file());
    }

    @Test
    void hostInterfaceBackup() {
        Scenario s = load("hosts.client.interfaces.lte.backup=true");
        assertTrue(s.hosts().get("client").iface("lte").backup());
    }

    @Test
    void fileIsNotChangedBySets() {
        MapNode root = TreeReader.read("o.yaml", TEXT);
        new Overrides(TestPlugins.REGISTRY).apply(root.copy(), "duration=1s");
        assertEquals("20s", ((ScalarNode) root.get("duration")).text());
    }
}
