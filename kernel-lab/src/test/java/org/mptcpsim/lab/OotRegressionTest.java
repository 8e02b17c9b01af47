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
 * 0.25–0.3, a third of the row's tolerance (0.69); 30 seeds bring it to 0.13–0.17 (16 cases × 30 seeds: 40–50 s alone, 99 s inside a full verify).
 *
 * <p>{@link #OPEN_FINDINGS} lists the rows that are documented open findings (README, validation); a listed row that
 * passes fails the test, so the list cannot go stale.
 */
class OotRegressionTest {
    static final Path REF = Path.of("src/test/resources/reference-oot");
    static final int SIM_SEEDS = 30;

    /** "scenario subflow metric" → the finding's name (README, "Validation against the kernel", out-of-tree). */
    static final Map<String, String> OPEN_FINDINGS = Map.of(
            // OOT-F4: the competing TCP flow's goodput, 6.447 Mbit/s (mean of 30 seeds) against the kernel's
            // 5.841 (runs 5.767 / 6.085 / 5.670, sd 0.217); tolerance max(10 % of 5.841, 2 sd = 0.434) = 0.584, bound
            // 6.425. Before receive-buffer autotuning it passed at 6.395 (10 seeds: 6.48). Known: in each kernel run
            // the TCP flow's srtt median is within 2.4 ms of its MPTCP subflows' (36.1 / 36.3 / 35.7 against
            // 33.3-36.0 ms) and its loss events are alike (63.7 against 60.7 / 62.0), but its cwnd median is 16.3
            // against 18.7 / 19.0; the simulator gives all three flows 18.3-18.5 and a fair third each. Not
            // explained; a shared-queue split, a +-15 % quantity (README, out-of-tree, OOT-F4).
            "lab-oot-a2-reno 1/0 goodputMbps", "OOT-F4",
            // OOT-F5: A2 balia's second subflow's srtt median, 42.61 ms (mean of 30 seeds) against the kernel's 36.83
            // (sd 2.03); tolerance max(15 % of 36.83, 2 sd) = 5.52, bound 42.35. It sat 5.0 ms above the kernel (41.86,
            // inside by 0.49) until the handshake stored the SYN/ACK's timestamp (tcp_store_ts_recent in
            // tcp_rcv_synsent_state_process: the first flight echoes it, so the receiver's RTT estimate and buffer
            // autotuning start one RTT earlier), which moved it 0.76 ms out and A1 lia's 20 Mbit/s subflow from
            // 66.8 to 60.8 ms against the kernel's 59.4. The balia subflow on the shared queue (cwnd median 6.8
            // against 7.3) sees 5-6 ms more queue than the kernel's: a shared-queue split (README, out-of-tree, OOT-F5).
            "lab-oot-a2-balia 0/1 srttMedianMs", "OOT-F5");
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
