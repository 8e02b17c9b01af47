package org.mptcpsim.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.report.RunData;
import org.mptcpsim.report.SyntheticRun;

class CompareTest {
    private static final String CC = "net.ipv4.tcp_congestion_control";
    private static final double EPS = 1e-9;
    private static final List<Alternative> ALTS = List.of(
            Alternative.of("lia", CC + "=lia"), Alternative.of("olia", CC + "=olia"),
            Alternative.of("balia", CC + "=balia"));

    @TempDir
    Path out;

    /** lia: 10 Mbit/s, p99 50 ms; olia: 12, 70; balia: 11, 60 (every seed the same). */
    private static SyntheticRun.Params known(long seed, Map<String, String> o) {
        String cc = o.get(CC);
        double g = Map.of("lia", 10.0, "olia", 12.0, "balia", 11.0).get(cc);
        double p99 = Map.of("lia", 50.0, "olia", 70.0, "balia", 60.0).get(cc);
        return new SyntheticRun.Params("s", seed, g, 0.9, p99, 100);
    }

    /** Goodput ~ Normal(10, 2) drawn from the run's seed. */
    private static SyntheticRun.Params noisy(long seed, Map<String, String> o) {
        return new SyntheticRun.Params("s", seed, 10 + 2 * new Random(seed).nextGaussian(), 0.9, 50, 100);
    }

    @Test
    void rankingFollowsTheRunSummaries() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        FakeRunner fake = new FakeRunner(CompareTest::known);
        Compare c = new Compare(Path.of("two-paths.yaml"), ALTS, 3, out, fake).threads(3)
                .console(new PrintStream(console, true, StandardCharsets.UTF_8));
        CompareResult r = c.run();
        assertEquals(9, fake.calls.get()); // 3 alternatives x 3 seeds
        // goodput is higher-better: olia 12 > balia 11 > lia 10
        assertEquals(List.of("olia", "balia", "lia"), r.ranked().stream().map(a -> a.alternative().name()).toList());
        assertEquals(List.of(1, 2, 3), r.ranked().stream().map(AlternativeResult::rank).toList());
        // identical seeds: mean = the value, CI half-width = t x 0 / sqrt(3) = 0
        assertEquals(12.0, r.estimate("olia", Metric.GOODPUT).mean(), EPS);
        assertEquals(0.0, r.estimate("olia", Metric.GOODPUT).halfWidth(), EPS);
        // srtt p99 = max over m1's subflows = max(70, 40 of sf1) = 70
        assertEquals(70.0, r.estimate("olia", Metric.SRTT_P99).mean(), EPS);
        // retransmits = m1 sf0 100 + m1 sf1 7 (t1 is plain TCP, left out)
        assertEquals(107.0, r.estimate("lia", Metric.RETRANSMITS).mean(), EPS);
        // every run dir holds what the fake wrote, and the estimates agree with those summaries
        for (AlternativeResult a : r.ranked()) {
            double sum = 0;
            for (long seed : a.seeds()) {
                RunData run = RunData.load(c.runDir(a.alternative(), seed));
                assertEquals(seed, run.summary().seed());
                sum += run.summary().connection("m1").goodputMbps();
            }
            assertEquals(sum / 3, a.estimate(r.metrics(), Metric.GOODPUT).mean(), EPS);
        }
        String csv = Files.readString(out.resolve("compare.csv"));
        assertTrue(csv.startsWith("rank,alternative,overrides,n,goodput_mbps_mean,goodput_mbps_ci95,"), csv);
        assertTrue(csv.contains("\n1,olia," + CC + "=olia,3,12,0,"), csv);
        String table = console.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("ranked by MPTCP goodput (higher is better)"), table);
        for (Metric m : r.metrics()) {
            assertTrue(Files.isRegularFile(out.resolve("charts/compare-" + m.column() + ".png")));
            assertTrue(Files.isRegularFile(out.resolve("charts/compare-" + m.column() + ".svg")));
        }
        String html = Files.readString(out.resolve("report.html"));
        org.mptcpsim.report.RunReportTestAccess.assertReferencesExist(out, html);
    }

    @Test
    void lowerIsBetterMetricsRankAscending() throws Exception {
        CompareResult r = new Compare(Path.of("s.yaml"), ALTS, 2, out, new FakeRunner(CompareTest::known))
                .threads(2).console(null).rankBy(Metric.SRTT_P99).run();
        // srtt p99: lia 50 < balia 60 < olia 70
        assertEquals(List.of("lia", "balia", "olia"), r.ranked().stream().map(a -> a.alternative().name()).toList());
    }

    @Test
    void confidenceIntervalsShrinkWithSeedsAndMatchStudentT() throws Exception {
        List<Alternative> one = List.of(Alternative.of("lia", CC + "=lia"));
        Estimate four = new Compare(Path.of("s.yaml"), one, 4, out.resolve("4"), new FakeRunner(CompareTest::noisy))
                .threads(2).console(null).run().estimate("lia", Metric.GOODPUT);
        Estimate forty = new Compare(Path.of("s.yaml"), one, 40, out.resolve("40"), new FakeRunner(CompareTest::noisy))
                .threads(2).console(null).run().estimate("lia", Metric.GOODPUT);
        assertTrue(forty.halfWidth() < four.halfWidth(), four + " vs " + forty);
        // recompute the 4-seed interval by hand: values are 10 + 2 N(seed), seeds 1..4,
        // half-width = t(0.975, 3 df) x s / sqrt(4) with t = 3.182446305
        double[] v = new double[4];
        double mean = 0;
        for (int i = 0; i < 4; i++) {
            v[i] = 10 + 2 * new Random(i + 1).nextGaussian();
            mean += v[i] / 4;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        assertEquals(mean, four.mean(), 1e-9);
        assertEquals(3.182446305 * Math.sqrt(ss / 3) / 2, four.halfWidth(), 1e-6);
    }

    @Test
    void resultsDoNotDependOnThreadCount() throws Exception {
        new Compare(Path.of("s.yaml"), ALTS, 5, out.resolve("a"), new FakeRunner(CompareTest::noisy))
                .threads(1).console(null).run();
        new Compare(Path.of("s.yaml"), ALTS, 5, out.resolve("b"), new FakeRunner(CompareTest::noisy))
                .threads(4).console(null).run();
        for (String f : List.of("compare.csv", "compare-runs.csv", "report.html", "charts/compare-goodput_mbps.svg")) {
            assertArrayEquals(Files.readAllBytes(out.resolve("a").resolve(f)),
                    Files.readAllBytes(out.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void eventWindowGoodputComesFromConnectionsCsv() throws Exception {
        List<Alternative> one = List.of(Alternative.of("lia", CC + "=lia"));
        CompareResult r = new Compare(Path.of("s.yaml"), one, 1, out.resolve("w1"), new FakeRunner(CompareTest::known))
                .threads(1).console(null).eventWindow(0.3, 0.7).run();
        // lia: 10 Mbit/s -> m1 delivers 10 x 12500 = 125000 B per 0.1 s;
        // window [0.3, 0.7]: (125000 x 7 - 125000 x 3) x 8 / 0.4 s / 1e6 = 10
        assertEquals(10.0, r.estimate("lia", Metric.EVENT_GOODPUT).mean(), EPS);
        r = new Compare(Path.of("s.yaml"), one, 1, out.resolve("w2"), new FakeRunner(CompareTest::known))
                .threads(1).console(null).eventWindow(0.05, 0.35).run();
        // no sample by 0.05: start from (0.05 s, 0 B); last sample by 0.35 is 0.3 s with 375000 B:
        // 375000 x 8 / 0.25 s / 1e6 = 12
        assertEquals(12.0, r.estimate("lia", Metric.EVENT_GOODPUT).mean(), EPS);
        // one seed: no interval
        assertTrue(Double.isNaN(r.estimate("lia", Metric.EVENT_GOODPUT).halfWidth()));
        // ranking by the event metric without a window is refused before anything runs
        FakeRunner idle = new FakeRunner(CompareTest::known);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Compare(
                Path.of("s.yaml"), one, 1, out.resolve("w3"), idle).console(null).rankBy(Metric.EVENT_GOODPUT).run());
        assertEquals(0, idle.calls.get());
    }
}
