package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.run.ScenarioRunner;

/**
 * Sim-vs-kernel regression (no root needed): runs the simulator on each regression scenario
 * (scenarios/examples/lab/*.yaml, {@link LabScenarios#load}) and checks it against the committed reference kernel runs
 * (src/test/resources/reference/NAME/run-i, host kernel 6.18.44, recorded with {@link Reference}: 3 runs of the
 * separate-path scenarios, 10 of the shared-queue ones) with
 * {@link Compare}'s tolerances, widened by the kernel's run-to-run spread. Both sides are compared at the
 * reference's 0.5 s sampling. Each simulated run takes well under a second.
 */
class KernelRegressionTest {
    static final Path REF = Path.of("src/test/resources/reference");

    @Test
    void twoPathsCubic(@TempDir Path dir) throws Exception {
        check("lab-two-paths-cubic", dir);
    }

    @Test
    void twoPathsReno(@TempDir Path dir) throws Exception {
        check("lab-two-paths-reno", dir);
    }

    @Test
    @Disabled("finding F2: shared bottleneck, RTT 20/40 ms: the simulator gives the 20 ms subflow 8.74 Mbit/s (share 0.59; "
            + "8.96-10.56 under sub-ms delay perturbations) where the kernel splits evenly (7.56 ± 0.56 Mbit/s, share 0.50 ± 0.04, "
            + "10 runs; 11.5 vs 5.6 loss events); see docs/kernel-lab.md")
    void sharedCubic(@TempDir Path dir) throws Exception {
        check("lab-shared-cubic", dir);
    }

    /** What still holds on the shared bottleneck while the split finding is open: delays, queue and the connection total. */
    @Test
    void sharedCubicDelaysAndTotal(@TempDir Path dir) throws Exception {
        checkOnly("lab-shared-cubic", dir, Set.of("srttMedianMs", "srttP90Ms"));
        assertConnectionGoodput("lab-shared-cubic", dir);
    }

    @Test
    @Disabled("finding F1: MPTCP + TCP on one bottleneck: the 40 ms subflow gets 3.67 Mbit/s (share 0.53) in the simulator vs "
            + "2.37 ± 0.35 (share 0.36 ± 0.04; 10 runs, range 1.81-3.01) in the kernel; the simulator's value moves 1.18-3.67 "
            + "under sub-ms delay perturbations (drop-tail phase effect); see docs/kernel-lab.md")
    void mptcpVsTcp(@TempDir Path dir) throws Exception {
        check("lab-mptcp-vs-tcp", dir);
    }

    /** What still holds for MPTCP vs TCP while the split finding is open: delays, loss events, both connection totals. */
    @Test
    void mptcpVsTcpDelaysLossesAndTotals(@TempDir Path dir) throws Exception {
        checkOnly("lab-mptcp-vs-tcp", dir, Set.of("srttMedianMs", "srttP90Ms", "lossEvents"));
        assertConnectionGoodput("lab-mptcp-vs-tcp", dir);
    }

    @Test
    @Disabled("finding F1: four subflows over one path: the simulator's initial subflow gets 4.48 Mbit/s vs kernel "
            + "3.43 ± 0.31 (10 runs, range 2.99-3.91), subflow 3 1.37 vs 1.97 ± 0.29; the simulator's initial subflow moves "
            + "3.30-4.48 under sub-ms delay perturbations (drop-tail phase effect of a jitter-free run); see docs/kernel-lab.md")
    void fourSubflows(@TempDir Path dir) throws Exception {
        check("lab-four-subflows", dir);
    }

    /** What still holds with four subflows on one path: delays, loss events and the connection total. */
    @Test
    void fourSubflowsDelaysLossesAndTotal(@TempDir Path dir) throws Exception {
        checkOnly("lab-four-subflows", dir, Set.of("srttMedianMs", "srttP90Ms", "lossEvents"));
        assertConnectionGoodput("lab-four-subflows", dir);
    }

    @Test
    void referencesAreValidKernelRunsWithEverySubflow() throws Exception {
        for (String name : LabScenarios.NAMES) {
            List<Path> runs = Reference.runs(REF, name);
            assertTrue(runs.size() >= 3, name + ": at least 3 reference runs (spread) expected, found " + runs.size());
            int expected = ScenarioToLab.map(LabScenarios.load(name), Backend.HOST, false).spec().paths().stream().mapToInt(LabSpec.Path::subflows).sum();
            for (Path r : runs) {
                JsonNode s = RunDirWriter.readJson(r.resolve("summary.json"));
                assertTrue(s.path("valid").asBoolean(), r + ": " + s.path("invalidReason"));
                assertEquals("kernel-host", s.path("source").asText(), r.toString());
                assertEquals(expected, s.path("connections").path(0).path("subflows").size(), r + ": subflows of the MPTCP connection");
            }
        }
    }

    /** As {@link #check} but asserting only {@code metrics} (the others are printed). */
    static void checkOnly(String name, Path dir, Set<String> metrics) throws Exception {
        List<Compare.Row> rows = compareWithReference(name, dir);
        StringBuilder table = new StringBuilder();
        boolean ok = true;
        for (Compare.Row r : rows) {
            boolean asserted = metrics.contains(r.metric());
            if (asserted && !r.pass()) ok = false;
            table.append(String.format(Locale.ROOT, "%-6s %-13s %9.3f %9.3f %8.3f %8.3f %s%n", r.subflow(), r.metric(), r.sim(), r.kernel(),
                    r.spread(), r.tolerance(), r.pass() ? "" : asserted ? "FAIL" : "(finding, not asserted)"));
        }
        assertTrue(ok, name + ": simulator outside the kernel's tolerance\n" + table);
    }

    /** Connection goodput (first connection) within Compare's goodput tolerance of the kernel mean. */
    static void assertConnectionGoodput(String name, Path dir) throws Exception {
        double sim = RunDirWriter.readJson(dir.resolve("sim").resolve("summary.json")).path("connections").path(0).path("goodputMbps").asDouble();
        List<Path> refs = Reference.runs(REF, name);
        double[] k = new double[refs.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = RunDirWriter.readJson(refs.get(i).resolve("summary.json")).path("connections").path(0).path("goodputMbps").asDouble();
        }
        double ref = Stats.mean(k);
        double tol = Math.max(Math.max(0.10 * ref, 0.1), Compare.K * Stats.stddev(k));
        assertTrue(Math.abs(sim - ref) <= tol, String.format(Locale.ROOT, "%s: connection goodput sim %.3f vs kernel %.3f (tol %.3f)", name, sim, ref, tol));
    }

    static List<Compare.Row> compareWithReference(String name, Path dir) throws Exception {
        List<Path> refs = Reference.runs(REF, name);
        assertTrue(refs.size() >= 2, name + ": no reference runs under " + REF.toAbsolutePath());
        Path sim = dir.resolve("sim");
        new ScenarioRunner(LabScenarios.load(name)).run(sim, ScenarioRunner.Progress.NONE);
        Path simR = dir.resolve("sim-" + Reference.STEP_S);
        Reference.resample(sim, simR, Reference.STEP_S);
        return Compare.compare(simR, refs);
    }

    /** Simulates {@code name}, compares with its reference runs, fails with the verdict table when outside tolerance. */
    static List<Compare.Row> check(String name, Path dir) throws Exception {
        List<Compare.Row> rows = compareWithReference(name, dir);
        StringBuilder table = new StringBuilder(name + ": simulator outside the kernel's tolerance\n");
        table.append(String.format(Locale.ROOT, "%-6s %-13s %9s %9s %8s %8s%n", "sf", "metric", "sim", "kernel", "sd", "tol"));
        boolean ok = true;
        for (Compare.Row r : rows) {
            if (!r.pass()) ok = false;
            table.append(String.format(Locale.ROOT, "%-6s %-13s %9.3f %9.3f %8.3f %8.3f %s%n", r.subflow(), r.metric(), r.sim(), r.kernel(),
                    r.spread(), r.tolerance(), r.pass() ? "" : "FAIL"));
        }
        assertTrue(ok, table.toString());
        return rows;
    }
}
