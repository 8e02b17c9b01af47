package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validate verdicts on synthetic run directories. */
class CompareTest {
    /** A run dir with one MPTCP connection of two subflows with constant srtt/cwnd. */
    static Path run(Path dir, String name, String source, double g0, double g1, int srttMs, int cwnd, int losses) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("summary.json"), String.format(Locale.ROOT, "{\"source\":\"%s\",\"connections\":[{\"id\":\"m1\",\"type\":\"mptcp\","
                + "\"goodputMbps\":%f,\"subflows\":[{\"id\":0,\"goodputMbps\":%f,\"ssthreshReductions\":%d},"
                + "{\"id\":1,\"goodputMbps\":%f,\"ssthreshReductions\":%d}]}]}", source, g0 + g1, g0, losses, g1, losses));
        StringBuilder csv = new StringBuilder("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state\n");
        for (int k = 1; k <= 20; k++) {
            for (int sf = 0; sf < 2; sf++) {
                double g = sf == 0 ? g0 : g1;
                csv.append(String.format(Locale.ROOT, "%.6f,m1,%d,%d,100,%d,%d,Open\n", k * 0.1, sf, cwnd, srttMs * 1000, (long) (g * 1e6 / 8 * k * 0.1)));
            }
        }
        Files.writeString(d.resolve("subflows.csv"), csv);
        return d;
    }

    @Test
    void withinToleranceExitsZero(@TempDir Path dir) throws IOException {
        Path sim = run(dir, "sim", "sim", 9.0, 18.0, 100, 100, 4);
        Path k = run(dir, "k", "kernel-host", 9.4, 18.6, 110, 90, 3);
        StringBuilder out = new StringBuilder();
        assertEquals(0, KernelCompare.run(sim, List.of(k), dir.resolve("v"), out));
        assertTrue(out.toString().contains("VERDICT: within tolerance"));
        List<String> overlay = Files.readAllLines(dir.resolve("v/overlay.csv"));
        assertEquals("time_s,source,subflow,cwnd,srtt_us,goodput_mbps", overlay.get(0));
        assertTrue(overlay.stream().anyMatch(l -> l.startsWith("0.200000,kernel-host#1,m1/1,90,110000,18.6")), overlay.toString());
        assertEquals(13, Files.readAllLines(dir.resolve("v/verdict.csv")).size());
    }

    @Test
    void outsideToleranceExitsThree(@TempDir Path dir) throws IOException {
        Path sim = run(dir, "sim", "sim", 14.0, 14.0, 100, 100, 4);
        Path k = run(dir, "k", "kernel-host", 9.4, 18.6, 100, 100, 4);
        assertEquals(3, KernelCompare.run(sim, List.of(k), dir.resolve("v"), new StringBuilder()));
        List<KernelCompare.Row> rows = KernelCompare.compare(sim, List.of(k));
        assertFalse(rows.stream().filter(r -> r.metric().equals("goodputMbps")).allMatch(KernelCompare.Row::pass));
        assertTrue(rows.stream().filter(r -> r.metric().equals("srttMedianMs")).allMatch(KernelCompare.Row::pass));
    }

    @Test
    void kernelSpreadWidensTheTolerance(@TempDir Path dir) throws IOException {
        Path sim = run(dir, "sim", "sim", 9.0, 18.0, 100, 100, 10);
        Path k1 = run(dir, "k1", "kernel-host", 9.0, 18.0, 100, 100, 2);
        Path k2 = run(dir, "k2", "kernel-host", 9.0, 18.0, 100, 100, 6);
        // mean 4, sd 2.83: fixed tolerance max(0.5*4, 3) = 3 would fail |10-4| = 6, 2*sd = 5.66 still fails
        KernelCompare.Row one = KernelCompare.compare(sim, List.of(k1, k2)).stream().filter(r -> r.metric().equals("lossEvents")).findFirst().orElseThrow();
        assertEquals(5.657, one.tolerance(), 1e-3);
        assertFalse(one.pass());
        Path k3 = run(dir, "k3", "kernel-host", 9.0, 18.0, 100, 100, 12);
        KernelCompare.Row wide = KernelCompare.compare(sim, List.of(k1, k2, k3)).stream().filter(r -> r.metric().equals("lossEvents")).findFirst().orElseThrow();
        assertTrue(wide.pass(), wide.toString());
    }

    /**
     * A 30 s run of one MPTCP connection (one subflow) at {@code early} Mbit/s over [0,5] s and {@code late} after, sampled
     * every 0.5 s (subflows.csv and connections.csv), summary goodput over the whole run; no window of its own.
     */
    static Path run30(Path dir, String name, double early, double late) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        StringBuilder sf = new StringBuilder("time_s,connection,subflow,cwnd,ssthresh,srtt_us,bytes_acked,ca_state\n");
        StringBuilder conn = new StringBuilder("time_s,connection,bytes_delivered\n");
        long bytes = 0;
        for (int k = 0; k <= 60; k++) {
            double t = k * 0.5;
            if (k > 0) bytes += (long) ((t <= 5 ? early : late) * 1e6 / 8 * 0.5);
            sf.append(String.format(Locale.ROOT, "%.6f,m1,0,%d,100,30000,%d,Open\n", t, 50, bytes));
            conn.append(String.format(Locale.ROOT, "%.6f,m1,%d\n", t, bytes));
        }
        Files.writeString(d.resolve("subflows.csv"), sf);
        Files.writeString(d.resolve("connections.csv"), conn);
        Files.writeString(d.resolve("summary.json"), String.format(Locale.ROOT, "{\"source\":\"x\",\"connections\":[{\"id\":\"m1\",\"type\":\"mptcp\","
                + "\"goodputMbps\":%f,\"subflows\":[{\"id\":0,\"goodputMbps\":%f,\"ssthreshReductions\":3,\"bytesAcked\":%d}]}]}",
                bytes * 8 / 30e6, bytes * 8 / 30e6, bytes));
        return d;
    }

    /**
     * LAB-UML-2: a live out-of-tree run whose first seconds differ (the kernel side's slow start at 2 Mbit/s, the
     * simulator's at 9) but which agree over the references' window. Whole run: sim 9.0 against kernel
     * (5·2 + 25·9)/30 = 7.833, |Δ| = 1.167 > 10 % = 0.783: outside. Over [5,30] s both are 9.0 (the kernel's connection
     * rows too): within, and the verdict names the window.
     */
    @Test
    void theOutOfTreeWindowMeasuresBothSidesOverFiveToThirtySeconds(@TempDir Path dir) throws IOException {
        Path sim = run30(dir, "sim", 9, 9);
        Path k = run30(dir, "k", 2, 9);
        KernelCompare.Row whole = KernelCompare.compare(List.of(sim), List.of(k)).get(0);
        assertEquals("goodputMbps", whole.metric());
        assertEquals(7.833, whole.kernel(), 1e-3);
        assertFalse(whole.pass());
        StringBuilder out = new StringBuilder();
        assertEquals(0, KernelCompare.run(List.of(sim), List.of(k), KernelCompare.Window.OOT_REFERENCES, dir.resolve("v"), out));
        assertTrue(out.toString().contains("measured over [5, 30] s"), out.toString());
        List<KernelCompare.Row> rows = KernelCompare.compare(List.of(sim), List.of(k), KernelCompare.Window.OOT_REFERENCES);
        assertEquals(9.0, rows.get(0).kernel(), 1e-9);
        // the connection row (application goodput from connections.csv) is there only with a window
        assertTrue(rows.stream().anyMatch(r -> r.metric().equals("appGoodputMbps") && r.pass() && Math.abs(r.kernel() - 9.0) < 1e-9), rows.toString());
    }

    /** Which scenarios get the window: out-of-tree ones at least 30 s long; upstream ones and shorter runs are whole-run. */
    @Test
    void onlyOutOfTreeScenariosCoveringTheWindowGetIt() throws IOException {
        StringBuilder notes = new StringBuilder();
        assertEquals(new KernelCompare.Window(5, 30), Validation.window(LabScenarios.load("lab-oot-a2-olia"), notes));
        assertEquals(null, Validation.window(LabScenarios.load("lab-two-paths-reno"), notes));
        assertEquals("", notes.toString());
        assertEquals(null, Validation.window(LabScenarios.load("lab-oot-a2-olia", "duration=20s"), notes));
        assertTrue(notes.toString().contains("shorter than the references' window [5,30] s"), notes.toString());
    }

    /**
     * One run against reference runs: the spread term is the prediction interval. Loss events 2, 6, 12 (mean 6.667,
     * sd 5.033); t(2, 0.995) = 9.925, · sd · √(4/3) = 57.68; a live run with 40 events (|Δ| 33.3) passes, where the
     * mean's 2 sd (10.07) would fail it.
     */
    @Test
    void oneRunIsHeldToThePredictionInterval(@TempDir Path dir) throws IOException {
        Path live = run(dir, "live", "kernel-uml", 9.0, 18.0, 100, 100, 40);
        List<Path> refs = List.of(run(dir, "k1", "kernel-uml-oot", 9.0, 18.0, 100, 100, 2), run(dir, "k2", "kernel-uml-oot", 9.0, 18.0, 100, 100, 6),
                run(dir, "k3", "kernel-uml-oot", 9.0, 18.0, 100, 100, 12));
        KernelCompare.Row mean = KernelCompare.compare(List.of(live), refs).stream().filter(r -> r.metric().equals("lossEvents")).findFirst().orElseThrow();
        assertEquals(10.066, mean.tolerance(), 1e-3);
        assertFalse(mean.pass());
        KernelCompare.Row one = KernelCompare.compareOneRun(live, refs, 0.01).stream().filter(r -> r.metric().equals("lossEvents")).findFirst().orElseThrow();
        assertEquals(57.68, one.tolerance(), 0.01);
        assertTrue(one.pass(), one.toString());
    }
}
