package org.mptcpsim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.report.RunData;

/** The completion-time and stall metrics read summary.json's transfers and app blocks (docs/outputs.md). */
class TransferMetricsTest {
    @TempDir
    Path dir;

    @Test
    void fctSlowdownAndStallsComeFromTheSummary() throws Exception {
        Files.writeString(dir.resolve("summary.json"), """
                {"scenario": "s", "seed": 1, "durationS": 10.0,
                 "connections": [
                   {"id": "web", "type": "mptcp", "goodputMbps": 1.0, "subflows": [],
                    "app": {"kind": "request-response", "count": 3, "completed": 3}},
                   {"id": "v1", "type": "mptcp", "goodputMbps": 1.0, "subflows": [],
                    "app": {"kind": "stream", "stalls": 2, "stallTimeS": 1.5, "startupDelayS": 1.0, "playedS": 7.5}},
                   {"id": "v2", "type": "mptcp", "goodputMbps": 1.0, "subflows": [],
                    "app": {"kind": "stream", "stalls": 1, "stallTimeS": 0.25, "startupDelayS": 1.0, "playedS": 8.75}}],
                 "transfers": {"count": 3, "completed": 3,
                   "fctMs": {"n": 3, "mean": 40.0, "p50": 30.0, "p95": 70.0, "p99": 70.0},
                   "slowdown": {"n": 3, "mean": 2.0, "p50": 1.5, "p95": 3.5, "p99": 3.5}},
                 "fairness": {"jain": 1.0}}
                """);
        RunData run = RunData.load(dir);
        assertEquals(30.0, Metrics.value(run, Metric.FCT_P50, null));
        assertEquals(70.0, Metrics.value(run, Metric.FCT_P99, null));
        assertEquals(3.5, Metrics.value(run, Metric.SLOWDOWN_P99, null));
        assertEquals(3.0, Metrics.value(run, Metric.STALLS, null), "summed over the streams");
        assertEquals(1.75, Metrics.value(run, Metric.STALL_TIME, null));
        assertEquals(Metric.FCT_P99, Metric.parse("fct_p99"));
        assertEquals(Metric.STALL_TIME, Metric.parse("stall_time_s"));
        assertTrue(!Metric.FCT_P99.higherIsBetter());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("fct"));
        assertTrue(e.getMessage().contains("fct_p99"), e.getMessage());
    }

    @Test
    void aRunWithoutTransfersHasNoCompletionTimes() throws Exception {
        Files.writeString(dir.resolve("summary.json"), """
                {"scenario": "s", "seed": 1, "durationS": 10.0, "connections": [], "fairness": {"jain": 1.0}}
                """);
        RunData run = RunData.load(dir);
        assertTrue(Double.isNaN(Metrics.value(run, Metric.FCT_P99, null)));
        assertTrue(Double.isNaN(Metrics.value(run, Metric.STALLS, null)));
    }
}
