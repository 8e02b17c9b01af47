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
import org.mptcpsim.study.Sweep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mptcp-sim sweep SCENARIO}: runs the scenario's {@code sweep:} grid on all cores, resumably. */
@Command(name = "sweep",
        description = "Run every point of the scenario's sweep: grid (in parallel, resumable: points already in sweep.csv are "
                + "kept), write sweep.csv and charts.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file with a sweep: section")
    Path scenario;

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
        List<ScenarioLoader.SweepPoint> points = new ScenarioLoader().sweep(scenario, sets);
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
        Metric m;
        try {
            m = Metric.parse(metric);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInput("--metric: " + e.getMessage());
        }
        String key = x != null ? x : axes.get(0);
        OutputDir target = main.outputDir(out, OutputDir.defaultDir("sweep-", sc.name(), ""));
        OutputBudget budget = allowLarge ? OutputBudget.UNLIMITED : OutputBudget.DEFAULT;
        budget.checkAll(points.stream().map(ScenarioLoader.SweepPoint::scenario).toList());
        Path dir = target.path();
        Sweep sweep = new Sweep(scenario, grid, dir, new SimRunFunction(budget)).seed(sc.seed()).progress(System.err)
                .chart(key, m);
        // completion and stall columns when the scenario has transfers or streams
        List<Metric> ms = CompareCommand.metricsFor(sc);
        if (!ms.contains(m)) {
            ms.add(m);
        }
        sweep.metrics(ms);
        if (jobs != null) {
            sweep.threads(Jobs.check(jobs));
        }
        Path csv = sweep.run();
        System.out.println("sweep: " + csv);
        return Main.OK;
    }
}
