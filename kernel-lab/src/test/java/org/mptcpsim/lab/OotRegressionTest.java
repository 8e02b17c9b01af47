package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpsim.scenario.run.ScenarioRunner;

/**
 * Sim-vs-kernel regression for the out-of-tree flavour (no kernel needed): every case of kernel-refs/oot-v0.95.2
 * (MPTCP v0.95.2 on Linux 4.19.234 in User-Mode Linux; 3 runs of A1/A2, 2 of A3/A4) is a scenario
 * {@code scenarios/examples/lab/lab-oot-*.yaml}; its runs are committed in the lab's reference format under
 * {@code src/test/resources/reference-oot/} (converted by {@link OotReference}, see the README there). Both sides are
 * measured over the data set's window [5,30] s ({@link KernelCompare.Window}) with {@link KernelCompare}'s tolerances widened by
 * the kernel's run-to-run spread, per subflow (goodput, srtt median/p90, cwnd median, loss events, share) and per
 * connection (application goodput, MPTCP/TCP ratio on the shared bottleneck).
 *
 * <p>The simulator side is the mean of {@link #SIM_SEEDS} seeds: the cases are 30 s (twice the upstream suite's), one
 * simulated run takes 0.2–0.6 s warm. 30 seeds, because the shared-bottleneck rows vary from seed to seed: A2 balia's
 * application goodput has a per-seed sd of 0.7–0.95 Mbit/s (seeds 1–6), so a 10-seed mean has a standard error of
 * 0.25–0.3, a third of the row's tolerance (0.69); 30 seeds brought it to 0.13–0.17, and 90 (since 2026-12-08) to
 * 0.07–0.1: at 30 seeds two rows (OOT-F4, OOT-F5) sat outside by less than that error and a change that only
 * shifted timings by microseconds (the handshake's third ACK) moved borderline rows both ways (16 cases × 90 seeds:
 * 43 s alone).
 *
 * <p>{@link #OPEN_FINDINGS} lists the rows that are documented open findings (README, validation); a listed row that
 * passes fails the test, so the list cannot go stale.
 */
class OotRegressionTest {
    static final Path REF = Path.of("src/test/resources/reference-oot");
    static final int SIM_SEEDS = 90;

    /** "scenario subflow metric" → the finding's name (README, "Validation against the kernel", out-of-tree). */
    static final Map<String, String> OPEN_FINDINGS = Map.of();
    // Closed as the seed sample's (2026-12-08): OOT-F4, A2 reno's competing TCP flow's goodput, 6.447 Mbit/s at 30 seeds
    // against the kernel's 5.841 (tolerance 0.584, bound 6.425), is 6.351 at 90 seeds (6.384 before the handshake's
    // third ACK); OOT-F5, A2 balia's second subflow's srtt median, 42.61 ms at 30 seeds against 36.83 (bound 42.35),
    // is 41.00 at 90 (42.12 before the third ACK). Both were outside by less than a 30-seed mean's standard error.
    // Closed: OOT-F1 (the redundant scheduler: v0.95.2 offers each subflow the segment at snd_una until it is
    // DATA_ACKed, and the meta receive buffer never autotunes at one segment per RTT, so the 100 ms subflow stays
    // rwnd-limited at 2 x tcp_rmem[1]: 10.04 Mbit/s, 30 seeds, kernel 10.04) by RcvBuffer; OOT-F2 (wVegas' 20 ms
    // path, issue 10.8) by tbf's token bucket (net/TokenBucket: an idle tbf passes its 3028 B burst without
    // serialisation), OOT-F3 (balia/olia against reno on one queue) by the tbf limit accounting.

    @ParameterizedTest
    @MethodSource("org.mptcpsim.lab.LabScenarios#ootNames")
    void simulatorStaysWithinTheOutOfTreeKernelsTolerance(String name, @TempDir Path dir) throws Exception {
        List<KernelCompare.Row> rows = compareWithReference(name, dir);
        StringBuilder table = new StringBuilder(name + ": simulator (mean of " + SIM_SEEDS + " seeds) vs out-of-tree kernel, [5,30] s\n");
        table.append(String.format(Locale.ROOT, "%-7s %-15s %9s %9s %8s %8s%n", "sf", "metric", "sim", "kernel", "sd", "tol"));
        List<String> unexpected = new ArrayList<>();
        // a listed finding whose row no longer exists (metric or subflow renamed) would never be checked again
        java.util.Set<String> listedHere = new java.util.TreeSet<>();
        for (String k : OPEN_FINDINGS.keySet()) {
            if (k.startsWith(name + " ")) listedHere.add(k);
        }
        for (KernelCompare.Row r : rows) {
            String key = name + " " + r.subflow() + " " + r.metric();
            listedHere.remove(key);
            String finding = OPEN_FINDINGS.get(key);
            if (r.pass() == (finding != null)) unexpected.add(key + (r.pass() ? " passes but is listed as open finding " + finding : " outside tolerance"));
            table.append(String.format(Locale.ROOT, "%-7s %-15s %9.3f %9.3f %8.3f %8.3f %s%n", r.subflow(), r.metric(), r.sim(), r.kernel(),
                    r.spread(), r.tolerance(), r.pass() ? "" : finding != null ? "open finding " + finding : "FAIL"));
        }
        for (String k : listedHere) unexpected.add(k + " is listed as open finding " + OPEN_FINDINGS.get(k) + " but has no row");
        System.out.print(table);
        assertTrue(unexpected.isEmpty(), unexpected + "\n" + table);
    }

    /** The converted references reproduce the data set's own per-subflow goodput (summary.csv) from their subflows.csv. */
    @Test
    void referencesReproduceTheDataSetsGoodput() throws Exception {
        for (String name : LabScenarios.OOT_NAMES) {
            List<Path> runs = Reference.runs(REF, name);
            assertTrue(runs.size() >= 2, name + ": at least 2 reference runs expected, found " + runs.size());
            for (Path r : runs) {
                JsonNode s = RunDirWriter.readJson(r.resolve("summary.json"));
                assertEquals("kernel-uml-oot", s.path("source").asText(), r.toString());
                Map<String, double[]> m = KernelCompare.metrics(r, KernelCompare.Window.of(s));
                int ci = 0;
                for (JsonNode c : s.path("connections")) {
                    for (JsonNode sf : c.path("subflows")) {
                        double g = m.get(ci + "/" + sf.path("id").asInt())[0];
                        // the data set's goodput is (bytes_acked(30) - bytes_acked(5)) * 8 / 25 s from the same
                        // sample-and-hold grid, rounded to 1 kbit/s
                        assertEquals(sf.path("goodputMbps").asDouble(), g, 0.0015, r + " " + c.path("id").asText() + "/" + sf.path("id"));
                    }
                    ci++;
                }
            }
        }
    }

    static List<KernelCompare.Row> compareWithReference(String name, Path dir) throws Exception {
        return KernelRegressionTest.compareWithReference(REF, name, SIM_SEEDS, dir);
    }
}
