package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How Reno flows split one drop-tail queue (issue 10 item 7, issue 16 item 3). The two "open finding"
 * cases are the open defect of issue 16.3 (docs/phase-effects.md): each computes the expected behaviour
 * (derived in its comment) and asserts that today's engine still misses it, so a change that fixes it
 * fails here until the finding is closed in the docs and the case becomes a plain assertion.
 */
class SharedQueueFairnessTest {

    /**
     * n hosts on 1 Gbit/s access links of the given one-way delays (ms) into r1, a 20 Mbit/s 18 ms
     * bottleneck r1 -> r2 with a 1 BDP drop-tail buffer, and a 1 Gbit/s link of {@code srvDelayMs} to the
     * server; one Reno flow per host, started 10 ms apart.
     */
    static String dumbbell(double[] accessMs, double srvDelayMs, String duration) {
        int n = accessMs.length;
        StringBuilder sb = new StringBuilder();
        sb.append("duration: ").append(duration).append("\n");
        sb.append("kernel: {net.ipv4.tcp_congestion_control: reno}\n");
        sb.append("nodes:\n  - {id: r1, type: switch}\n  - {id: r2, type: switch}\n  - {id: server, type: host}\n");
        for (int i = 1; i <= n; i++) {
            sb.append("  - {id: h").append(i).append(", type: host}\n");
        }
        sb.append("links:\n");
        for (int i = 1; i <= n; i++) {
            sb.append("  - {id: a").append(i).append(", from: h").append(i).append(", to: r1, rate: 1Gbit, delay: ")
                    .append(accessMs[i - 1]).append("ms, buffer: 1000pkt}\n");
        }
        sb.append("  - {id: bn, from: r1, to: r2, rate: 20Mbit, delay: 18ms, buffer: 1BDP}\n");
        sb.append("  - {id: srv, from: r2, to: server, rate: 1Gbit, delay: ").append(srvDelayMs)
                .append("ms, buffer: 1000pkt}\n");
        sb.append("connections:\n");
        for (int i = 1; i <= n; i++) {
            sb.append("  - {id: t").append(i).append(", type: tcp, from: h").append(i)
                    .append(", to: server, start: ").append(10 * i).append("ms}\n");
        }
        return sb.toString();
    }

    @Test
    void equalRenoFlowsSplitASharedQueueEvenly() {
        // Equal RTT (2 x (1 + 18 + 1) = 40 ms) and equal CC: the long-run shares are equal by symmetry.
        // Over 40 s each flow sees ~17 (2 flows) to ~50 (8 flows) loss events; its share then varies by
        // roughly 1/sqrt(events) of one sawtooth's amplitude, a coefficient of variation cv of a few
        // per cent. Jain = 1 / (1 + cv^2) >= 0.97 allows cv <= 0.17, i.e. a flow at ~70 % of another's
        // rate, well outside that noise and inside what real kernels show (three TCP flows on one
        // 20 Mbit/s tbf: 6.0-6.7 Mbit/s, Jain 0.998). Measured on main: 0.983-0.999, seeds 1-3.
        for (int n : new int[] {2, 4, 8}) {
            double[] access = new double[n];
            java.util.Arrays.fill(access, 1.0);
            RunResult r = Sim.run(dumbbell(access, 1.0, "40s"));
            assertTrue(r.jain() >= 0.97, n + " equal flows: jain " + r.jain() + " " + goodputs(r, n));
            Sim.deleteRun(r);
        }
    }

    @Test
    void openFindingSubMillisecondAccessDelayDifferencesDecideTheSplit() {
        // Base RTTs 2 x (d + 18) = 36 / 37.4 / 38.6 / 40.2 ms. Add the mean queueing delay, about half the
        // 1 BDP buffer (36 ms of queue at most, measured mean ~23 ms): 59 / 60.4 / 61.6 / 63.2 ms. Reno's rate
        // goes as 1/RTT (equal loss rates) to 1/RTT^2 (synchronised losses), so the shortest-RTT flow
        // should get 63.2/59 = 1.07 to 1.15 times the longest's, never less: Jain >= 0.97, and the
        // shortest flow at least 0.9 of the mean (it is expected above it). Main gives 3.9 / 3.8 / 4.8 / 6.7.
        RunResult r = Sim.run(dumbbell(new double[] {0, 0.7, 1.3, 2.1}, 0, "40s"));
        List<Double> g = goodputs(r, 4);
        double mean = g.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        boolean expected = r.jain() >= 0.97 && g.get(0) >= 0.9 * mean;
        assertFalse(expected, "open finding 16.3 is met now (jain " + r.jain() + ", " + g + "): close it in"
                + " docs/phase-effects.md and README, and assert jain >= 0.97 and the shortest flow >= 0.9 x mean here");
    }

    @Test
    void twoRenoFlowsWhoseAccessDelaysDiffer300MicrosecondsSplitLikeTheHostKernelShorterLoopLosing() {
        // scenarios/examples/lab/lab-two-reno-access.yaml: two Reno flows, access delays 18 and 18.3 ms, one 20 Mbit/s
        // tbf of 1 BDP, the lab host's timing. Fluid Reno theory says the shorter RTT gets 1.00-1.03x the longer's
        // (36.0 vs 36.6 ms plus the same queue), but the host kernel (6 reference runs, kernel-lab reference
        // lab-two-reno-access) gives it 0.40-0.52x: a drop-tail phase effect of the 0.6 ms loop difference, as equal
        // delays on the kernel split evenly (1.08, 0.96) and swapped delays swap the loser (2.76, 1.90 for t1/t2). The
        // simulator must show the same sign clearly: t1/t2 of the mean over seeds 1-5 below 0.8 (the kernel's 0.45,
        // theory's 1.0; measured 0.58: half the kernel's size, finding F7 of KernelRegressionTest), and t1 < t2 on
        // every seed.
        double t1 = 0;
        double t2 = 0;
        StringBuilder seen = new StringBuilder();
        for (int seed = 1; seed <= 5; seed++) {
            RunResult r = Sim.runFile(Sim.examples().resolve("lab/lab-two-reno-access.yaml"), "seed=" + seed);
            double a = r.connection("t1").goodputMbps();
            double b = r.connection("t2").goodputMbps();
            seen.append(String.format(java.util.Locale.ROOT, " seed %d: %.2f / %.2f;", seed, a, b));
            assertTrue(a < b, "seed " + seed + ": the shorter loop must lose as on the kernel:" + seen);
            t1 += a;
            t2 += b;
            Sim.deleteRun(r);
        }
        assertTrue(t1 / t2 < 0.8, "t1/t2 " + t1 / t2 + ":" + seen);
    }

    /** t0 crosses L1 then L2 (10 Mbit/s each, 1 BDP drop-tail), t2 enters at L2 (docs/phase-effects/tandem-equal-rate.yaml). */
    static final String TANDEM = """
                duration: 40s
                kernel: {net.ipv4.tcp_congestion_control: reno}
                nodes:
                  - {id: s0, type: host}
                  - {id: s2, type: host}
                  - {id: d0, type: host}
                  - {id: d2, type: host}
                  - {id: r1, type: switch}
                  - {id: r2, type: switch}
                  - {id: r3, type: switch}
                links:
                  - {id: a0, from: s0, to: r1, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: a2, from: s2, to: r2, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: L1, from: r1, to: r2, rate: 10Mbit, delay: 5ms, buffer: 1BDP}
                  - {id: L2, from: r2, to: r3, rate: 10Mbit, delay: 5ms, buffer: 1BDP}
                  - {id: e0, from: r3, to: d0, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                  - {id: e2, from: r3, to: d2, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}
                connections:
                  - {id: t0, type: tcp, from: s0, to: d0}
                  - {id: t2, type: tcp, from: s2, to: d2}
                """;

    @Test
    void openFindingAFlowSharingOnlyTheSecondOfTwoEqualRateLinksIsLockedOut() {
        // t0 crosses L1 then L2 (10 Mbit/s each, 1 BDP), t2 enters at L2. Both are limited by L2 only.
        // Base RTTs 24 and 14 ms plus L2's queue (12 packets, <= 14 ms): ~31 and ~21 ms, so Reno gives t2
        // 1.0 to 1.5 times t0's rate (1/RTT .. 1/RTT^2 above); require t2 >= 0.8 x t0 and, over seeds 1-5,
        // max/min of t2's goodput <= 1.2 (seed-to-seed spread within 20 %). Main: t2 0.22-0.52 Mbit/s.
        StringBuilder seen = new StringBuilder();
        boolean expected = tandemSharesL2(seen);
        assertFalse(expected, "open finding 16.3 (tandem) is met now:" + seen + " close it in docs/phase-effects.md"
                + " and README, and assert t2 >= 0.8 x t0 on every seed and max/min <= 1.2 here");
    }

    @Test
    void withTheLabHostsTimingAFlowSharingOnlyTheSecondOfTwoEqualRateLinksGetsItsShare() {
        // The same tandem with the host timing measured on the kernel lab's host (docs/phase-effects.md section 3):
        // send jitter 300 us and TCP Small Queues resuming a throttled socket 1-4.8 ms late. The host kernel on this
        // tandem (lab-tandem-equal-rate, 6 runs, tbf on both links) splits L2 without a lock-out: t0 4.54-5.72,
        // t2 3.69-4.86 Mbit/s. Criterion as above (t2 >= 0.8 x t0 on every seed, t2's max/min over seeds 1-5
        // <= 1.2). Measured: t2 4.54-4.97 against t0 4.55-4.98.
        StringBuilder seen = new StringBuilder();
        assertTrue(tandemSharesL2(seen, "kernel.sim.tx_jitter_us=300", "kernel.sim.tsq_resume_us=4800"), "tandem with the lab host's timing:" + seen);
    }

    /** Seeds 1-5 of {@link #TANDEM}: t2 >= 0.8 x t0 on every seed and t2's max/min <= 1.2; each seed's split into {@code seen}. */
    private static boolean tandemSharesL2(StringBuilder seen, String... sets) {
        double min = Double.MAX_VALUE;
        double max = 0;
        int fairSeeds = 0;
        for (int seed = 1; seed <= 5; seed++) {
            String[] all = java.util.Arrays.copyOf(sets, sets.length + 1);
            all[sets.length] = "seed=" + seed;
            RunResult r = Sim.run(TANDEM, all);
            double t0 = r.connection("t0").goodputMbps();
            double t2 = r.connection("t2").goodputMbps();
            seen.append(String.format(java.util.Locale.ROOT, " seed %d: t0 %.2f t2 %.2f;", seed, t0, t2));
            if (t2 >= 0.8 * t0) {
                fairSeeds++;
            }
            min = Math.min(min, t2);
            max = Math.max(max, t2);
            Sim.deleteRun(r);
        }
        return fairSeeds == 5 && max / min <= 1.2;
    }

    private static List<Double> goodputs(RunResult r, int n) {
        List<Double> g = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            g.add(r.connection("t" + i).goodputMbps());
        }
        return g;
    }
}
