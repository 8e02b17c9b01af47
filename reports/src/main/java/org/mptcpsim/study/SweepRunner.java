package org.mptcpsim.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mptcpsim.report.RunData;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * {@code mptcp-sim sweep}: runs an ordered grid of override sets on all cores, appends one row
 * per finished point to {@code OUT/sweep.csv} as it goes, and resumes after an interruption
 * without rerunning finished points. {@code OUT} follows {@link OutputDir}'s rules: an earlier sweep
 * of ours is resumed, another output of ours replaced, anything else refused before a point runs. At the end sweep.csv is rewritten sorted by point index
 * (atomically), so it is byte-identical whether or not the sweep was interrupted.
 *
 * <p>Point {@code i} runs in {@code OUT/points/p<i>/} with overrides {@code key=value} in the
 * map's order. Columns: {@code point}, the union of override keys in order of first appearance
 * (empty cell where a point lacks a key), then the metric columns. Configure with the fluent
 * setters, then call {@link #run()} once; not thread-safe.
 */
public final class SweepRunner {
    /** The sweep's CSV file name. */
    public static final String CSV = "sweep.csv";
    /** The command recorded in a shard directory's marker. */
    public static final String SHARD_COMMAND = "sweep-shard";

    /**
     * The output directory holds an earlier session's files that this sweep cannot resume (a damaged or foreign
     * sweep.csv): bad input, located, raised before any point runs.
     */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Path scenario;
    private final List<LinkedHashMap<String, String>> points;
    private final Path outDir;
    private final RunFunction runner;
    private long seed = 1;
    private List<Metric> metrics = List.of(Metric.GOODPUT, Metric.JAIN, Metric.SRTT_P99, Metric.RETRANSMITS);
    private EventWindow window;
    private int threads = Parallel.cores();
    private PrintStream progress = SweepProgress.terminal() ? System.err : null;
    private final List<String[]> charts = new ArrayList<>();
    private int shardIndex = 0;
    private int shardCount = 0;   // 0: not sharded

    /** Sweeps {@code points} (in order; index = position) of {@code scenario}. */
    public SweepRunner(Path scenario, List<LinkedHashMap<String, String>> points, Path outDir, RunFunction runner) {
        this.scenario = scenario;
        this.points = List.copyOf(points);
        this.outDir = outDir;
        this.runner = runner;
    }

    /** The seed of every run (default 1); sweep the seed by putting {@code seed} in the grid. */
    public SweepRunner seed(long s) {
        this.seed = s;
        return this;
    }

    /** Metric columns (default goodput, jain, srtt p99, retransmits). */
    public SweepRunner metrics(List<Metric> m) {
        this.metrics = List.copyOf(m);
        return this;
    }

    /** Event window for {@link Metric#EVENT_GOODPUT}; adds that column. */
    public SweepRunner eventWindow(double t1S, double t2S) {
        this.window = new EventWindow(t1S, t2S);
        return this;
    }

    /** Pool size (default: available processors). */
    public SweepRunner threads(int n) {
        this.threads = n;
        return this;
    }

    /** SweepProgress bar target: default stderr if it is a terminal, else none; null disables. */
    public SweepRunner progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** After the run, also draw {@code metric} vs the override {@code key} (see {@link SweepChart}). */
    public SweepRunner chart(String key, Metric metric) {
        charts.add(new String[] {key, metric.name()});
        return this;
    }

    /**
     * Runs only shard {@code index} of {@code count} ({@link SweepShard#owned}: the points
     * {@code k mod count == index}); its sweep.csv holds those rows, {@value SweepShard#FILE} says
     * which, and charts are left to {@link SweepMerge}.
     */
    public SweepRunner shard(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= I < N");
        }
        this.shardIndex = index;
        this.shardCount = count;
        return this;
    }

    /** The metric columns actually written (the event metric is added by a window). */
    List<Metric> effectiveMetrics() {
        List<Metric> ms = new ArrayList<>(metrics);
        if (window != null && !ms.contains(Metric.EVENT_GOODPUT)) {
            ms.add(Metric.EVENT_GOODPUT);
        }
        return ms;
    }

    /** Override keys in order of first appearance over the grid. */
    List<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, String> p : points) {
            keys.addAll(p.keySet());
        }
        return new ArrayList<>(keys);
    }

    /** Runs the unfinished points; returns the path of the final, sorted sweep.csv. */
    public Path run() throws Exception {
        OutputDir target = OutputDir.check(outDir);
        boolean sharded = shardCount > 0;
        List<Integer> mine = sharded ? SweepShard.owned(shardIndex, shardCount, points.size())
                : java.util.stream.IntStream.range(0, points.size()).boxed().toList();
        for (int i : mine) {
            OutputDir.check(pointDir(i));   // refuse a foreign point directory before anything is written
        }
        List<Metric> ms = effectiveMetrics();
        if (window == null && ms.contains(Metric.EVENT_GOODPUT)) {
            throw new IllegalArgumentException("metric event_goodput needs an event window [t1, t2]");
        }
        List<String> keys = keys();
        String header = header(keys, ms);
        List<String> prefixes = rowPrefixes(keys);
        SweepShard manifest = sharded ? new SweepShard(shardIndex, shardCount, points.size(),
                SweepShard.sha256(Files.readAllBytes(scenario)), SweepShard.gridHash(header, prefixes),
                header, List.copyOf(charts), mine, false) : null;
        open(target, manifest);
        Path csvFile = outDir.resolve(CSV);
        SweepCsv csv = new SweepCsv(csvFile, header);
        Map<Integer, String> finished = csv.resume(prefixes);
        for (int k : finished.keySet()) {
            if (sharded && !SweepShard.owns(shardIndex, shardCount, k)) {
                throw new Refused(csvFile + ": point " + k + " does not belong to shard " + shardIndex + "/"
                        + shardCount + "; move the directory away");
            }
        }
        runPoints(mine, finished, ms, prefixes, csv);
        csv.rewrite();
        if (manifest != null) {
            manifest.withFinished(true).write(outDir);
            return csvFile;
        }
        for (String[] c : charts) {
            SweepChart.write(outDir, c[0], Metric.valueOf(c[1]));
        }
        return csvFile;
    }

    /** The CSV header: point, the override keys, the metric columns. */
    private static String header(List<String> keys, List<Metric> ms) {
        StringBuilder header = new StringBuilder("point");
        for (String k : keys) {
            header.append(',').append(Fmt.cell(k));
        }
        for (Metric m : ms) {
            header.append(',').append(m.column());
        }
        return header.toString();
    }

    /** Each point's row up to its metric cells: its index and its override values. */
    private List<String> rowPrefixes(List<String> keys) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            StringBuilder p = new StringBuilder().append(i);
            for (String k : keys) {
                p.append(',').append(Fmt.cell(points.get(i).getOrDefault(k, "")));
            }
            prefixes.add(p.append(',').toString());
        }
        return prefixes;
    }

    /**
     * Resumes the earlier sweep in the output directory (a shard: only the same slice of the same
     * grid; another shard of ours is replaced) or starts it afresh; writes the shard's manifest.
     */
    private void open(OutputDir target, SweepShard manifest) throws IOException {
        String name = String.valueOf(scenario.getFileName());
        String command = manifest != null ? SHARD_COMMAND : "sweep";
        boolean resume = target.earlierCommand().filter(command::equals).isPresent();
        if (manifest != null && resume) {
            SweepShard earlier;
            try {
                earlier = SweepShard.read(outDir);
            } catch (IllegalArgumentException e) {
                earlier = null;
            }
            resume = manifest.sameSlice(earlier);
        }
        if (resume) {
            target.keep(command, name);   // resume the earlier sweep
        } else {
            target.fresh(command, name);
        }
        if (manifest != null) {
            manifest.write(outDir);
        }
    }

    /** Runs the points of {@code mine} not yet {@code finished}, appending each one's row when it ends. */
    private void runPoints(List<Integer> mine, Map<Integer, String> finished, List<Metric> ms, List<String> prefixes,
                           SweepCsv csv) throws Exception {
        SweepProgress bar = new SweepProgress(progress, mine.size(), finished.size());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i : mine) {
            if (finished.containsKey(i)) {
                continue;
            }
            int point = i;
            tasks.add(() -> {
                double[] v = runPoint(point, ms);
                StringBuilder line = new StringBuilder(prefixes.get(point));
                for (int m = 0; m < v.length; m++) {
                    line.append(m == 0 ? "" : ",").append(Fmt.num(v[m]));
                }
                csv.append(point, line.toString());
                bar.pointDone();
                return null;
            });
        }
        bar.draw();
        try {
            Parallel.run(tasks, threads);
        } finally {
            bar.finish();
        }
    }

    /** The run directory of point {@code i}. */
    public Path pointDir(int i) {
        return outDir.resolve("points").resolve("p" + i);
    }

    private double[] runPoint(int i, List<Metric> ms) throws Exception {
        Path dir = pointDir(i);
        OutputDir.check(dir).fresh("run", String.valueOf(scenario.getFileName()));
        List<String> overrides = new ArrayList<>();
        for (Map.Entry<String, String> e : points.get(i).entrySet()) {
            overrides.add(e.getKey() + "=" + e.getValue());
        }
        // a point that sweeps the seed runs with it (the fixed seed would otherwise win: it is applied last)
        String own = points.get(i).get("seed");
        long pointSeed = own == null ? seed : Long.parseLong(own.trim());
        try {
            runner.run(scenario, pointSeed, overrides, dir);
            return Metrics.values(RunData.load(dir), ms, window);
        } catch (Exception e) {
            throw new IOException("sweep point " + i + " " + overrides + " failed: " + e.getMessage(), e);
        }
    }
}
