package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;

class SweepTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    static final String TEXT = """
            duration: 20s
            paths:
              - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP}
            sweep:
              links.wifi.rate: [5Mbit, 10Mbit]
              net.ipv4.tcp_congestion_control: [lia, olia, balia]
            """;

    @Test
    void pointsInOrderFirstKeySlowest() {
        Scenario s = LOADER.parse("s.yaml", TEXT, List.of());
        List<? extends Map<String, String>> points = s.sweep().points();
        assertEquals(6, points.size());
        assertEquals(Map.of("links.wifi.rate", "5Mbit", "net.ipv4.tcp_congestion_control", "lia"), points.get(0));
        assertEquals(Map.of("links.wifi.rate", "5Mbit", "net.ipv4.tcp_congestion_control", "olia"), points.get(1));
        assertEquals(Map.of("links.wifi.rate", "10Mbit", "net.ipv4.tcp_congestion_control", "lia"), points.get(3));
        assertEquals(List.of("links.wifi.rate", "net.ipv4.tcp_congestion_control"),
                List.copyOf(points.get(5).keySet()));
    }

    @Test
    void everyPointIsBound() {
        List<ScenarioLoader.SweepPoint> pts = LOADER.sweepText("s.yaml", TEXT, List.of("seed=4"));
        assertEquals(6, pts.size());
        Scenario last = pts.get(5).scenario();
        assertEquals(10_000_000L, last.link("wifi").forward().rateBps());
        assertEquals("balia", last.connections().get(0).kernel().congestionControl());
        assertEquals(4, last.seed());
    }

    @Test
    void badKeyIsLocatedInTheFile() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> LOADER.parse("s.yaml", TEXT.replace("links.wifi.rate", "links.wlan.rate"), List.of()));
        assertEquals(5, e.line());
        assertEquals(3, e.col());
        assertEquals(List.of("wifi"), e.allowed());
    }

    @Test
    void badValueFailsBeforeAnyRun() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> LOADER.sweepText("s.yaml", TEXT.replace("olia", "olla"), List.of()));
        assertEquals("--set net.ipv4.tcp_congestion_control=olla", e.file());
        assertTrue(e.problem().contains("did you mean olia?"), e.getMessage());
    }
}
