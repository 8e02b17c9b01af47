package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.scenario.run.OutputBudget;
import org.mptcpsim.scenario.parse.ScenarioLoader;
import org.mptcpsim.study.Metric;
import org.mptcpsim.study.SweepRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mptcp-sim sweep SCENARIO}: runs the scenario's {@code sweep:} grid on all cores, resumably. */
@Command(name = "sweep",
        description = "Run every point of the scenario's sweep: grid (in parallel, resumable: points already in sweep.csv are "
                + "kept), write sweep.csv and charts. On a cluster: --shard I/N runs one slice, --merge joins the slices, "
                + "--slurm writes and submits a Slurm job array that does both (README, \"Sweeps on a cluster\").")
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "scenario file with a sweep: section (not with --merge)")
    Path scenario;

    @Option(names = "--shard", paramLabel = "I/N", description = "run only shard I of N (0 <= I < N): the points k with"
            + " k mod N = I, into --out, with a shard.json manifest for --merge")
    String shard;

    @Option(names = "--merge", arity = "0..*", paramLabel = "DIR", description = "join the shard directories DIR... into"
            + " --out: the sweep.csv a local sweep writes, points/ as links to the shards' run directories")
    List<Path> merge;

    @Option(names = "--slurm", description = "write a Slurm job array (one task per shard) and a merge job into --out/slurm"
            + " and submit them with sbatch")
    boolean slurm;

    @Option(names = "--shards", paramLabel = "N", description = "with --slurm: number of array tasks (default: one per"
            + " point, at most " + Slurm.DEFAULT_MAX_SHARDS + ")")
    Integer shards;

    @Option(names = "--partition", paramLabel = "P", description = "with --slurm: sbatch --partition")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "with --slurm: sbatch --time of each task (e.g. 30, 2:00:00,"
            + " 1-0)")
    String time;

    @Option(names = "--array-limit", paramLabel = "M", description = "with --slurm: at most M tasks at once (--array=0-(N-1)%%M)")
    Integer arrayLimit;

    @Option(names = "--cpus-per-task", paramLabel = "C", description = "with --slurm: CPUs of each task, and its --jobs"
            + " (default 1)")
    Integer cpusPerTask;

    @Option(names = "--dry-run", description = "with --slurm: write the scripts and print the sbatch commands, submit nothing")
    boolean dryRun;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "runs at a time (default: one per core, ${sys:mptcpsim.cores} here)")
    Integer jobs;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "override applied to every point (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "goodput", description = "metric to chart (default ${DEFAULT-VALUE})")
    String metric;

    @Option(names = "--x", paramLabel = "KEY", description = "swept key for the chart's x axis (default: the first axis)")
    String x;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output directory (default runs/sweep-<scenario>)")
    Path out;

    @Option(names = "--allow-large-output", description = "lift the 1 GiB limit on the sampled CSVs (docs/scenario-format.md, Limits)")
    boolean allowLarge;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        if (merge != null) {
            return merge();
        }
        if (scenario == null) {
            throw new Main.BadInput("sweep: missing SCENARIO (a scenario file with a sweep: block), or give --merge DIR...");
        }
        int[] sh = shard == null ? null : parseShard(shard);
        checkSlurmFlags(sh);
        scenario = main.resolve(scenario);
        // every flag is checked before any point runs
        Scenario sc = Scenarios.load(scenario, sets, null);
        if (sc.sweep().isEmpty()) {
            throw new Main.BadInput(scenario + ": this scenario has no sweep: block, so there is nothing to sweep; add"
                    + " one (e.g. sweep: {links.bottleneck.rate: [5Mbit, 10Mbit]}, keys as for --set) or use run"
                    + " or compare");
        }
        List<String> axes = sc.sweep().axes().stream().map(org.mptcpsim.scenario.model.SweepAxis::key).toList();
        if (x != null && !axes.contains(x)) {
            throw new Main.BadInput("--x " + x + ": not a swept key of this scenario" + org.mptcpsim.scenario.options
                    .Names.didYouMean(x, axes) + "; allowed: " + String.join(", ", axes));
        }
        // a shard binds (validates) only its own points: the other shards check theirs
        List<ScenarioLoader.SweepPoint> points = sweepPoints(sc, sh);
        Metric m;
        try {
            m = Metric.parse(metric);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInput("--metric: " + e.getMessage());
        }
        String key = x != null ? x : axes.get(0);
        // sh is null with --slurm (refused above), so the default directory has no shard suffix there
        OutputDir target = main.outputDir(out, OutputDir.defaultDir("sweep-", sc.name(),
                sh == null ? "" : "-shard-" + sh[0] + "-of-" + sh[1]));
        OutputBudget budget = allowLarge ? OutputBudget.UNLIMITED : OutputBudget.DEFAULT;
        budget.checkAll(points.stream().map(ScenarioLoader.SweepPoint::scenario).filter(java.util.Objects::nonNull).toList());
        if (slurm) {
            Slurm job = new Slurm(scenario.toAbsolutePath().normalize(), target, points.size(), shards, partition, time,
                    arrayLimit, cpusPerTask, sets, metric, x, allowLarge);
            return job.writeAndSubmit(dryRun, System.out);
        }
        return runHere(sc, points, target, budget, key, m, sh);
    }

    /**
     * The grid's points, those of shard {@code sh} (null: all) bound; running out of memory here is the grid's size
     * (Main's message says so), not one run's.
     */
    private List<ScenarioLoader.SweepPoint> sweepPoints(Scenario sc, int[] sh) {
        String before = Main.outOfMemoryHint;
        Main.outOfMemoryHint = "the sweep grid of " + sc.sweep().size() + " points" + (sh == null ? "" : " (shard " + sh[0]
                + "/" + sh[1] + " binds its own)") + " needs more than this JVM's heap; give the axes fewer values, split"
                + " the sweep with --shard I/N, or";
        try {
            return new ScenarioLoader().sweep(scenario, sets, sh == null ? i -> true
                    : i -> org.mptcpsim.study.SweepShard.owns(sh[0], sh[1], i));
        } finally {
            Main.outOfMemoryHint = before;
        }
    }

    /** Runs the sweep (or the shard {@code sh}) in this process. */
    private int runHere(Scenario sc, List<ScenarioLoader.SweepPoint> points, OutputDir target, OutputBudget budget,
                        String key, Metric m, int[] sh) throws Exception {
        Path dir = target.path();
        SweepRunner sweep = new SweepRunner(scenario, grid(points), dir, new SimRunFunction(budget)).seed(sc.seed())
                .progress(System.err).chart(key, m);
        // completion and stall columns when the scenario has transfers or streams
        List<Metric> ms = CompareCommand.metricsFor(sc);
        if (!ms.contains(m)) {
            ms.add(m);
        }
        sweep.metrics(ms);
        if (jobs != null) {
            sweep.threads(Jobs.check(jobs));
        }
        if (sh != null) {
            sweep.shard(sh[0], sh[1]);
        }
        Path csv;
        try {
            csv = sweep.run();
        } catch (org.mptcpsim.study.SweepRunner.Refused e) {
            // an earlier session's sweep.csv it cannot resume: located, before any point ran
            throw new Main.BadInput(e.getMessage());
        }
        System.out.println((sh == null ? "sweep: " : "sweep shard " + sh[0] + "/" + sh[1] + ": ") + csv);
        return Main.OK;
    }

    /** The flags that go with --slurm only, or without it only. */
    private void checkSlurmFlags(int[] sh) {
        if (sh != null && slurm) {
            throw new Main.BadInput("--shard with --slurm: --slurm makes the shards itself (give --shards N)");
        }
        if (slurm && jobs != null) {
            throw new Main.BadInput("--jobs with --slurm: each array task runs --cpus-per-task points at a time (default 1)");
        }
        if (!slurm) {
            for (Object[] o : new Object[][] {{"--shards", shards}, {"--partition", partition}, {"--time", time},
                {"--array-limit", arrayLimit}, {"--cpus-per-task", cpusPerTask}, {"--dry-run", dryRun ? true : null}}) {
                if (o[1] != null) {
                    throw new Main.BadInput(o[0] + ": only with --slurm");
                }
            }
        }
    }

    /** Each point's overrides: the --set ones, then the point's own. */
    private List<LinkedHashMap<String, String>> grid(List<ScenarioLoader.SweepPoint> points) {
        List<LinkedHashMap<String, String>> grid = new ArrayList<>();
        for (ScenarioLoader.SweepPoint p : points) {
            LinkedHashMap<String, String> m = new LinkedHashMap<>();
            for (String s : sets) {
                int eq = s.indexOf('=');
                m.put(s.substring(0, eq), s.substring(eq + 1));
            }
            m.putAll(p.overrides());
            grid.add(m);
        }
        return grid;
    }

    /** {@code I/N} with {@code 0 <= I < N}; anything else is a located bad input. */
    static int[] parseShard(String v) {
        String allowed = "; allowed: I/N with integers 0 <= I < N, e.g. --shard 0/4 (shard I runs the points k with k mod N = I)";
        int slash = v.indexOf('/');
        int i;
        int n;
        try {
            if (slash < 0) {
                throw new NumberFormatException();
            }
            i = Integer.parseInt(v.substring(0, slash).trim());
            n = Integer.parseInt(v.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new Main.BadInput("--shard " + v + ": not I/N" + allowed);
        }
        if (n < 1) {
            throw new Main.BadInput("--shard " + v + ": N = " + n + " shards is not a positive count" + allowed);
        }
        if (i < 0 || i >= n) {
            throw new Main.BadInput("--shard " + v + ": I = " + i + " is not a shard of " + n + " (shards are numbered 0 to "
                    + (n - 1) + ")" + allowed);
        }
        return new int[] {i, n};
    }

    private int merge() throws Exception {
        if (merge.isEmpty()) {
            throw new Main.BadInput("--merge: no shard directories given; allowed: --merge DIR... --out OUT, each DIR the"
                    + " --out of `mptcp-sim sweep SCENARIO --shard I/N` (e.g. --merge runs/s0 runs/s1 --out runs/all)");
        }
        if (scenario != null || shard != null || slurm) {
            throw new Main.BadInput("--merge: takes shard directories only (no SCENARIO, --shard or --slurm): "
                    + "mptcp-sim sweep --merge DIR... --out OUT");
        }
        if (!sets.isEmpty() || x != null || jobs != null) {
            throw new Main.BadInput("--merge: --set, --x and --jobs belong to the shards' sweeps (the merge takes the"
                    + " grid and charts from their shard.json)");
        }
        if (out == null) {
            throw new Main.BadInput("--merge: give --out OUT, the directory of the merged sweep");
        }
        OutputDir target = main.outputDir(out, null);
        List<Path> dirs = merge.stream().map(main::resolve).toList();
        Path csv;
        try {
            csv = org.mptcpsim.study.SweepMerge.merge(dirs, target);
        } catch (org.mptcpsim.study.SweepMerge.Refused e) {
            throw new Main.BadInput(e.getMessage());
        }
        System.out.println("sweep: " + csv + " (merged " + dirs.size() + " shards)");
        return Main.OK;
    }
}
