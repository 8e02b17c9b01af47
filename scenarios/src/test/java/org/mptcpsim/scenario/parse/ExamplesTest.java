package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Scenario;

class ExamplesTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);
    static final Path EXAMPLES = Path.of("examples");

    @Test
    void everyExampleParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "examples found: " + files);
        for (Path f : files) {
            Scenario sc = LOADER.load(f, List.of());
            assertFalse(sc.connections().isEmpty(), f.toString());
            // every sweep point is a valid scenario too; without a grid the scenario itself is the one point
            int points = sc.sweep().isEmpty() ? 1 : sc.sweep().points().size();
            assertEquals(points, LOADER.sweep(f, List.of()).size());
        }
    }

    @Test
    void twoPaths() {
        Scenario s = LOADER.load(EXAMPLES.resolve("two-paths.yaml"), List.of());
        assertEquals("two-paths", s.name());
        assertEquals(30_000_000_000_000L, s.durationPs());
        LinkSpec wifi = s.link("wifi");
        assertEquals(20_000_000L, wifi.forward().rateBps());
        assertEquals(10_000_000_000L, wifi.forward().delayPs());
        assertEquals(BufferSpec.Kind.BDP, wifi.forward().buffer().kind());
        assertEquals(wifi.forward(), wifi.reverse());
        assertEquals("client", wifi.from());
        assertEquals("server", wifi.to());
        assertEquals(30_000_000_000L, s.link("lte").forward().delayPs());
        ConnectionSpec m1 = s.connection("m1");
        assertEquals("lia", m1.kernel().congestionControl());
        assertEquals("fullmesh", m1.kernel().pathManager());
        assertEquals("wifi", m1.fromInterface());
        assertNull(m1.toInterface());
        assertTrue(m1.isBulk());
    }

    @Test
    void sharedBottleneck() {
        Scenario s = LOADER.load(EXAMPLES.resolve("shared-bottleneck.yaml"), List.of());
        ConnectionSpec m1 = s.connection("m1");
        assertEquals(1, m1.subflows().size());
        assertEquals("a2", m1.subflows().get(0).fromInterface());
        ConnectionSpec t1 = s.connection("t1");
        assertEquals(ConnectionSpec.Type.TCP, t1.type());
        assertEquals("reno", t1.kernel().congestionControl());
        assertEquals("lia", m1.kernel().congestionControl());
        assertEquals(10_000_000L, s.link("bottleneck").forward().rateBps());
        assertEquals(List.of("a1", "a2"), s.hosts().get("client").interfaces().stream().map(i -> i.name()).toList());
    }

    @Test
    void benchmark() {
        Scenario s = LOADER.load(EXAMPLES.resolve("benchmark-2x1g.yaml"), List.of());
        assertFalse(s.kernel().delayedAck());
        assertEquals(1666, s.link("bn1").forward().buffer().count());
        assertEquals(BufferSpec.Kind.PACKETS, s.link("bn2").reverse().buffer().kind());
        assertEquals(1_000_000_000L, s.link("bn2").forward().rateBps());
        assertEquals(50_000_000_000L, s.connection("tcp2").startPs()); // starts spread over the first 50 ms
        assertEquals(60_000_000_000_000L, s.durationPs());
    }
}
