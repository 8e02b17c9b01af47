package org.mptcpsim.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mptcpsim.report.RunData;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * {@code mptcp-sim compare}: runs every alternative over N seeds on all cores, estimates each
 * metric per alternative (mean, 95% CI, Student t), ranks the alternatives by one metric in its
 * direction, prints a console table and writes {@code compare.csv}, {@code compare-runs.csv},
 * {@code charts/compare-*.{png,svg}} and {@code report.html} into the output directory.
 *
 * <p>Run directories are {@code OUT/runs/<alternative>/seed-<seed>/}. Everything is written into a
 * temporary sibling of {@code OUT} that replaces it when complete ({@link OutputDir}: only an earlier
 * output of ours is replaced, anything else is refused before a run starts). Results do not depend on
 * the order in which runs finish. Configure with the fluent setters, then call {@link #run()}
 * once; not thread-safe.
 */
public final class Compare {
    private final Path scenario;
    private final List<Alternative> alternatives;
    private final int seeds;
    private final Path outDir;
    private final RunFunction runner;
    private long firstSeed = 1;
    private List<Metric> metrics = List.of(Metric.GOODPUT, Metric.JAIN, Metric.SRTT_P99, Metric.RETRANSMITS);
    private Metric rankBy = Metric.GOODPUT;
    private EventWindow window;
    private int threads = Parallel.cores();
    private PrintStream console = System.out;

    /** Compares {@code alternatives} (unique names) on {@code scenario} over seeds 1..{@code seeds}. */
    public Compare(Path scenario, List<Alternative> alternatives, int seeds, Path outDir, RunFunction runner) {
        if (alternatives.isEmpty() || seeds < 1) {
            throw new IllegalArgumentException("need at least one alternative and one seed");
        }
        Set<String> names = new HashSet<>();
        for (Alternative a : alternatives) {
            if (!names.add(Fmt.safe(a.name()))) {
                throw new IllegalArgumentException("duplicate alternative name: " + a.name());
            }
        }
        this.scenario = scenario;
        this.alternatives = List.copyOf(alternatives);
        this.seeds = seeds;
        this.outDir = outDir;
        this.runner = runner;
    }

    /** Seeds are {@code first .. first + seeds - 1} (default 1). */
    public Compare firstSeed(long first) {
        this.firstSeed = first;
        return this;
    }

    /** Metrics to compute (default goodput, jain, srtt p99, retransmits). */
    public Compare metrics(List<Metric> m) {
        this.metrics = List.copyOf(m);
        return this;
    }

    /** Ranking metric (default goodput); added to the metrics if missing. */
    public Compare rankBy(Metric m) {
        this.rankBy = m;
        return this;
    }

    /** The event window for {@link Metric#EVENT_GOODPUT}; adds that metric. */
    public Compare eventWindow(double t1S, double t2S) {
        this.window = new EventWindow(t1S, t2S);
        return this;
    }

    /** Pool size (default: available processors). */
    public Compare threads(int n) {
        this.threads = n;
        return this;
    }

    /** Where the console table goes (default System.out; null for none). */
    public Compare console(PrintStream out) {
        this.console = out;
        return this;
    }

    /** Runs everything and writes the outputs; returns the ranked result. */
    public CompareResult run() throws Exception {
        List<Metric> ms = new ArrayList<>(metrics);
        if (window != null && !ms.contains(Metric.EVENT_GOODPUT)) {
            ms.add(Metric.EVENT_GOODPUT);
        }
        if (!ms.contains(rankBy)) {
            ms.add(rankBy);
        }
        if (window == null && ms.contains(Metric.EVENT_GOODPUT)) {
            throw new IllegalArgumentException("metric event_goodput needs an event window [t1, t2]");
        }
        OutputDir target = OutputDir.check(outDir);
        Path tmp = target.newTemp("compare", String.valueOf(scenario.getFileName()));
        try {
            CompareResult result = run(tmp, ms);
            target.commit(tmp);
            return result;
        } catch (Exception e) {
            OutputDir.discard(tmp);
            throw e;
        }
    }

    /** Runs everything into the temporary directory {@code tmp}, which then replaces the output directory. */
    private CompareResult run(Path tmp, List<Metric> ms) throws Exception {
        List<Callable<double[]>> tasks = new ArrayList<>();
        for (Alternative a : alternatives) {
            for (int s = 0; s < seeds; s++) {
                long seed = firstSeed + s;
                Path dir = runDir(tmp, a, seed);
                tasks.add(() -> runOne(a, seed, dir, ms));
            }
        }
        List<double[]> values = Parallel.run(tasks, threads);
        List<AlternativeResult> unranked = new ArrayList<>();
        for (int i = 0; i < alternatives.size(); i++) {
            List<double[]> runs = values.subList(i * seeds, (i + 1) * seeds);
            List<Estimate> est = new ArrayList<>();
            for (int m = 0; m < ms.size(); m++) {
                double[] col = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    col[s] = runs.get(s)[m];
                }
                est.add(Estimate.of(col));
            }
            List<Long> seedList = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                seedList.add(firstSeed + s);
            }
            unranked.add(new AlternativeResult(0, alternatives.get(i), List.copyOf(est), List.copyOf(seedList),
                    List.copyOf(runs)));
        }
        CompareResult result = new CompareResult(List.copyOf(ms), rankBy, rank(unranked, ms.indexOf(rankBy), rankBy));
        CompareOutputs.write(result, tmp, scenario, window);
        if (console != null) {
            console.print(CompareOutputs.consoleTable(result));
        }
        return result;
    }

    /** The run directory of one alternative and seed. */
    public Path runDir(Alternative a, long seed) {
        return runDir(outDir, a, seed);
    }

    private static Path runDir(Path out, Alternative a, long seed) {
        return out.resolve("runs").resolve(Fmt.safe(a.name())).resolve("seed-" + seed);
    }

    private double[] runOne(Alternative a, long seed, Path dir, List<Metric> ms) throws Exception {
        Files.createDirectories(dir);   // inside our fresh temporary directory: always new
        try {
            runner.run(scenario, seed, a.overrides(), dir);
            return Metrics.values(RunData.load(dir), ms, window);
        } catch (Exception e) {
            throw new IOException("alternative '" + a.name() + "' seed " + seed + " failed: " + e.getMessage(), e);
        }
    }

    /** Stable sort by the mean of metric {@code m}, best first; NaN means go last. */
    static List<AlternativeResult> rank(List<AlternativeResult> in, int m, Metric metric) {
        Comparator<AlternativeResult> byMean = Comparator.comparingDouble(r -> {
            double v = r.estimates().get(m).mean();
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : metric.higherIsBetter() ? -v : v;
        });
        List<AlternativeResult> sorted = new ArrayList<>(in);
        sorted.sort(byMean);
        List<AlternativeResult> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            AlternativeResult r = sorted.get(i);
            out.add(new AlternativeResult(i + 1, r.alternative(), r.estimates(), r.seeds(), r.runValues()));
        }
        return List.copyOf(out);
    }
}
