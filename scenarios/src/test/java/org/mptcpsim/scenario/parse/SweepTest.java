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
    void aGridAboveTheLimitIsRefusedWithItsSize() {
        // 101 x 100 x 100 = 1 010 000 points, above the limit of 1 000 000
        String grid = "sweep:\n  seed: " + values(101, "") + "\n  links.wifi.rate: " + values(100, "Mbit")
                + "\n  links.wifi.delay: " + values(100, "ms") + "\n";
        String text = TEXT.substring(0, TEXT.indexOf("sweep:")) + grid;
        ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.parse("s.yaml", text, List.of()));
        assertEquals(5, e.line(), e.getMessage());
        assertEquals("sweep", e.path());
        assertTrue(e.getMessage().contains("the sweep grid has 1010000 points (101 seed x 100 links.wifi.rate x 100"
                + " links.wifi.delay); the largest allowed grid is 1000000 points"), e.getMessage());
    }

    @Test
    void onlyThePointsAskedForAreBound() {
        // a shard's points: k mod 4 = 1 of the 6 points, i.e. points 1 and 5
        List<ScenarioLoader.SweepPoint> pts = LOADER.sweep(write(TEXT), List.of(), i -> i % 4 == 1);
        assertEquals(6, pts.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i == 1 || i == 5, pts.get(i).scenario() != null, "point " + i);
            assertEquals(2, pts.get(i).overrides().size(), "every point has its overrides");
        }
        assertEquals("olia", pts.get(1).scenario().connections().get(0).kernel().congestionControl());
    }

    private static String values(int n, String unit) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            b.append(i == 1 ? "" : ", ").append(i).append(unit);
        }
        return b.append(']').toString();
    }

    private static java.nio.file.Path write(String text) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("sweep", ".yaml");
            f.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(f, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    /**
     * Every bad value of the grid at once, each at its place (one bind per value, not per point): the first failing
     * point, (5Mbit, olla), names only olla; fast on line 5 (column 28, as above) and olla on line 6 (column 42, as in
     * badValueFailsBeforeAnyRun) are both bad alone, so both are reported, in file order.
     */
    @Test
    void everyBadValueOfTheGridIsReported() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.sweepText("s.yaml",
                TEXT.replace("[5Mbit, 10Mbit]", "[5Mbit, fast]").replace("olia", "olla"), List.of()));
        assertEquals(2, e.errors().size(), e.getMessage());
        assertEquals("s.yaml:5:28: sweep.links.wifi.rate[1]", e.errors().get(0).loc().toString());
        assertEquals("s.yaml:6:42: sweep.net.ipv4.tcp_congestion_control[1]", e.errors().get(1).loc().toString());
    }
}
