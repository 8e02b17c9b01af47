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

    /**
     * A bad value of the file's sweep: block was reported as "--set KEY=VALUE" with no position; it is located at
     * the value in the block. TEXT's line 6 is "  net.ipv4.tcp_congestion_control: [lia, olia, balia]": the list
     * opens at column 36 (2 + 31 + 2 characters before it), so olia (after the 6 of "[lia, ") is at column 42.
     */
    @Test
    void badValueFailsBeforeAnyRun() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> LOADER.sweepText("s.yaml", TEXT.replace("olia", "olla"), List.of()));
        assertEquals("s.yaml", e.file());
        assertEquals(6, e.line());
        assertEquals(42, e.col());
        assertEquals("sweep.net.ipv4.tcp_congestion_control[1]", e.path());
        assertTrue(e.problem().contains("did you mean olia?"), e.getMessage());
    }

    @Test
    void badRateInTheSweepIsLocatedAtTheValue() {
        // line 5 "  links.wifi.rate: [5Mbit, fast]": "[" at column 20 (2 + 15 + 2 before it), fast at 20 + 8 = 28
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> LOADER.sweepText("s.yaml", TEXT.replace("[5Mbit, 10Mbit]", "[5Mbit, fast]"), List.of()));
        assertEquals("s.yaml:5:28: sweep.links.wifi.rate[1]: \"fast\" is not a rate; use a number with bit, kbit,"
                + " Mbit or Gbit (e.g. 10Mbit)", e.getMessage());
        // an error the value causes elsewhere, here duration 0s: located at the value too (line 7, "[1s, " is 5)
        ScenarioException d = assertThrows(ScenarioException.class,
                () -> LOADER.sweepText("s.yaml", TEXT + "  duration: [1s, 0s]\n", List.of()));
        assertEquals("s.yaml:7:18: sweep.duration[1]: duration must be above 0", d.getMessage());
    }
}
