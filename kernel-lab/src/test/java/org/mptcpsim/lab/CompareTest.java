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
}
