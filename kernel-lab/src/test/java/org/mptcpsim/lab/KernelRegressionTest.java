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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.run.ScenarioRunner;

/**
 * Sim-vs-kernel regression (no root needed): runs the simulator on each regression scenario
 * (scenarios/examples/lab/*.yaml, {@link LabScenarios#load}) and checks it against the committed reference kernel runs
 * (src/test/resources/reference/NAME/run-i, host kernel 6.18.44, recorded with {@link Reference}: 3 runs of the
 * separate-path scenarios, 6-10 of the shared-queue ones) with
 * {@link KernelCompare}'s tolerances, widened by the kernel's run-to-run spread. The simulator side is the mean of
 * {@link #SIM_SEEDS} seeds (the scenarios model the lab host's timing jitter with {@code sim.tx_jitter_us: 300}; without it
 * the deterministic simulator's shared-queue splits are drop-tail phase effects: finding F1 in docs/kernel-lab.md).
 * Both sides are compared at the reference's 0.5 s sampling. Each simulated run takes well under a second.
 *
 * <p>{@link #OPEN_FINDINGS} lists the rows that are documented open findings (docs/kernel-lab.md, README "Validation
 * against the kernel"); a listed row that passes fails the test, so the list cannot go stale (as in OotRegressionTest).
 */
class KernelRegressionTest {
    static final Path REF = Path.of("src/test/resources/reference");
    /**
     * Simulator seeds per scenario (the scenarios have sim.tx_jitter_us, so seeds differ); compared by their mean. 40
     * since 2026-12-08 (10 before): the shared-queue rows vary by 0.3-0.5 Mbit/s from seed to seed, so a 10-seed mean
     * moved by about 0.1 with any change that shifts timings (the handshake's third ACK: the four-flow case's first flow
     * 4.16 -> 4.07, out of its tolerance), and at 40 seeds that row is 3.97-3.99 with or without it: the 10-seed pass
     * was seeds 1-10's. 16 cases x 40 seeds: 10 s.
     */
    static final int SIM_SEEDS = 40;

    /** "scenario subflow metric" → the finding's name (docs/kernel-lab.md, findings). */
    static final Map<String, String> OPEN_FINDINGS = Map.ofEntries(
            // F3 (issue 10.4, two cubic subflows vs reno from another host, 20-packet BDP) is closed: with tbf's token
            // bucket (net/TokenBucket) the reno flow takes 3.43 Mbit/s (10 seeds) against the kernel's 3.88 +- 0.34
            // (tolerance 0.68), 2.99 before it; 3.29 with receive-buffer autotuning (RcvBuffer).
            // F5 (issue 10.6): upstream MPTCP (2 reno subflows) vs a reno TCP flow from another host on a 20 Mbit/s tbf,
            // 1 BDP, equal 20 ms RTTs. Kernel (6 runs): MPTCP 10.43, TCP 8.27 Mbit/s (ratio 1.26); the kernel's TCP flow
            // has fewer loss events (49.7 vs 64 / 75 on the subflows) and a larger cwnd (24 vs 17 / 14). The simulator
            // hits all three about equally (66-69) and gives the textbook split (12.5 vs 6.4, ratio 1.97, with tbf's
            // token bucket; 12.6 vs 6.3 before; 12.34 vs 6.53, ratio 1.89, with RcvBuffer). With one subflow the kernel's MPTCP and TCP split evenly (9.37 / 9.21): the cause is in the two-subflow interplay
            // (the kernel cuts its two subflows together, 74-83 % of cuts within 150 ms, and TCP apart, 48-59 %).
            // Subflow 1's cwnd median passes since receive-buffer autotuning (RcvBuffer): 17.5 against the bound 17.6
            // (18.05 before), a marginal move; its goodput and the TCP flow's stay open.
            Map.entry("lab-upstream-mptcp-vs-tcp-20m 0/1 goodputMbps", "F5"),
            Map.entry("lab-upstream-mptcp-vs-tcp-20m 1/0 goodputMbps", "F5"),
            // With TCP Small Queues and the lab host's measured resume delay (sim.tsq_resume_us: 4800, SmallQueues; on the TCP
            // flow only: upstream MPTCP's subflows are not held to pairs in the lab) F5 moves towards the kernel: MPTCP 11.84 /
            // TCP 7.04 Mbit/s (ratio 1.68 against the kernel's 1.26), subflow 0/1 5.88 and TCP 7.04 still outside their
            // tolerances (0.477 and 0.896 around 4.77 and 8.27).
            // F6 (issue 16.3): four reno flows from four hosts, access delays 0 / 0.7 / 1.3 / 2.1 ms, one 20 Mbit/s tbf.
            // Kernel (6 runs): 4.89 / 4.30 / 5.02 / 4.32 Mbit/s, Jain 0.98-1.00, cwnd medians 25.5 / 22.2 / 26.8 / 23.8.
            // The simulator (10 seeds) gave 3.45 / 4.26 / 5.49 / 5.89 (cwnd 18.4 / 32.5: the shortest loop lost, the longest
            // won); with TSQ and the resume delay 4.16 / 4.50 / 5.36 / 5.08 and every row inside its tolerance but the last
            // flow's goodput (0.76 above the kernel, tolerance 0.630). docs/phase-effects.md section 3.
            Map.entry("lab-four-reno-access 3/0 goodputMbps", "F6"),
            // ... and the first flow's (the shortest loop, 0 ms access delay): 3.97 Mbit/s at 40 seeds against the
            // kernel's 4.89 (tolerance 0.747, bound 4.141); 4.16 at 10 seeds passed by seeds 1-10's luck (3.99 at 40
            // seeds before the third ACK too). The shortest loop loses, as F6 says.
            Map.entry("lab-four-reno-access 0/0 goodputMbps", "F6"),
            // F7 (issue 16.3): two reno flows from two hosts whose access delays differ by 0.3 ms (base RTT 36.0 / 36.6 ms),
            // one 20 Mbit/s tbf. Kernel (6 runs): the shorter loop loses, t1 / t2 5.91 / 13.11 Mbit/s (ratio 0.40-0.52;
            // equal delays split evenly, swapped delays swap the loser: docs/phase-effects.md section 5). The simulator
            // (10 seeds) has the same sign at half the size: 7.31 / 11.76 (ratio 0.62); srtt, cwnd and loss rows inside.
            Map.entry("lab-two-reno-access 0/0 goodputMbps", "F7"),
            Map.entry("lab-two-reno-access 1/0 goodputMbps", "F7"));

    /** Each regression scenario: the simulator within the kernel's tolerance on every subflow and metric. */
    @ParameterizedTest
    @MethodSource("org.mptcpsim.lab.LabScenarios#names")
    void simulatorStaysWithinTheKernelsTolerance(String name, @TempDir Path dir) throws Exception {
        check(name, dir);
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

    static List<KernelCompare.Row> compareWithReference(String name, Path dir) throws Exception {
        return compareWithReference(REF, name, SIM_SEEDS, dir);
    }

    /** Simulates {@code name} with seeds 1..{@code seeds} into {@code dir} and compares with the runs under {@code ref}. */
    static List<KernelCompare.Row> compareWithReference(Path ref, String name, int seeds, Path dir) throws Exception {
        List<Path> refs = Reference.runs(ref, name);
        assertTrue(refs.size() >= 2, name + ": no reference runs under " + ref.toAbsolutePath());
        List<Path> sims = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            Path sim = dir.resolve("sim-" + seed);
            new ScenarioRunner(LabScenarios.load(name, "seed=" + seed)).run(sim, ScenarioRunner.Progress.NONE);
            Path simR = dir.resolve("sim-" + seed + "-" + Reference.STEP_S);
            Reference.resample(sim, simR, Reference.STEP_S);
            sims.add(simR);
        }
        return KernelCompare.compare(sims, refs);
    }

    /** Simulates {@code name}, compares with its reference runs, fails with the verdict table when outside tolerance. */
    static List<KernelCompare.Row> check(String name, Path dir) throws Exception {
        List<KernelCompare.Row> rows = compareWithReference(name, dir);
        StringBuilder table = new StringBuilder(name + ": simulator (mean of " + SIM_SEEDS + " seeds) vs kernel\n");
        table.append(String.format(Locale.ROOT, "%-6s %-13s %9s %9s %8s %8s%n", "sf", "metric", "sim", "kernel", "sd", "tol"));
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
            table.append(String.format(Locale.ROOT, "%-6s %-13s %9.3f %9.3f %8.3f %8.3f %s%n", r.subflow(), r.metric(), r.sim(), r.kernel(),
                    r.spread(), r.tolerance(), r.pass() ? "" : finding != null ? "open finding " + finding : "FAIL"));
        }
        for (String k : listedHere) unexpected.add(k + " is listed as open finding " + OPEN_FINDINGS.get(k) + " but has no row");
        System.out.print(table);
        assertTrue(unexpected.isEmpty(), "outside the kernel's tolerance: " + unexpected + "\n" + table);
        return rows;
    }
}
