package org.mptcpsim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep over names (schedulers, path managers) is charted as bars, one per name, instead of failing. */
class SweepCategoryChartTest {
    @TempDir
    Path dir;

    @Test
    void aSweepOverSchedulersGetsOneBarPerScheduler() throws Exception {
        Files.writeString(dir.resolve(SweepRunner.CSV), """
                point,net.mptcp.mptcp_scheduler,goodput_mbps,fct_p99_ms
                0,default,3.0,500.0
                1,blest,3.0,480.0
                2,redundant,3.3,NaN
                3,default,3.2,520.0
                """);
        String key = "net.mptcp.mptcp_scheduler";
        assertTrue(!SweepChart.numeric(dir.resolve(SweepRunner.CSV), key));
        Map<String, List<Double>> bars = SweepChart.categories(dir.resolve(SweepRunner.CSV), key, Metric.FCT_P99);
        assertEquals(List.of("default", "blest", "redundant"), List.copyOf(bars.keySet()));
        assertEquals(List.of(500.0, 520.0), bars.get("default"));
        assertEquals(List.of(), bars.get("redundant"), "NaN left out");
        String name = SweepChart.write(dir, key, Metric.FCT_P99);
        assertTrue(Files.size(dir.resolve("charts").resolve(name + ".png")) > 1000);
    }
}
