package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.scenario.run.OutputBudget;
import org.mptcpsim.study.Alternative;
import org.mptcpsim.study.Compare;
import org.mptcpsim.study.Metric;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mptcp-sim compare SCENARIO --cc lia,olia [--pm ...] [--scheduler ...] [--seeds N]}: every
 * combination over N seeds on all cores, ranked with 95 %% confidence intervals.
 */
@Command(name = "compare",
        description = "Rank congestion controls / path managers / schedulers on one scenario over several seeds, "
                + "with 95 %% confidence intervals; writes compare.csv, charts and report.html.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = "--cc", split = ",", paramLabel = "CC",
            description = "congestion controls to compare, comma-separated; one of: ${sys:mptcpsim.cc}")
    List<String> ccs = new ArrayList<>();

    @Option(names = "--pm", split = ",", paramLabel = "PM",
            description = "path managers to compare; one of: ${sys:mptcpsim.pm}")
    List<String> pms = new ArrayList<>();

    @Option(names = "--scheduler", split = ",", paramLabel = "SCHED",
            description = "schedulers to compare; one of: ${sys:mptcpsim.scheduler}")
    List<String> scheds = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "runs at a time (default: one per core, ${sys:mptcpsim.cores} here)")
    Integer jobs;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "seeds per combination (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--rank-by", paramLabel = "METRIC", defaultValue = "goodput",
            description = "goodput, jain, srtt_p99, retransmits, event_goodput, fct_p50, fct_p99, slowdown_p99 (transfers"
                    + " and requests), stalls or stall_time (streams) (default ${DEFAULT-VALUE})")
    String rankBy;

    // one string, not split = ",": picocli's synopsis of a split option, --window=T1,T2[,T1,T2...], promised several windows
    @Option(names = "--window", paramLabel = "T1,T2", description = "event window in seconds for event_goodput (one"
            + " window: start and end, e.g. 10,20)")
    String windowArg;

    private List<Double> window = new ArrayList<>();

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "override applied to every run (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output directory (default runs/compare-<scenario>)")
    Path out;

    @Option(names = "--allow-large-output", description = "lift the 1 GiB limit on the sampled CSVs (docs/scenario-format.md, Limits)")
    boolean allowLarge;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        scenario = main.resolve(scenario);
        // every flag is checked before any run starts
        Scenario sc = Scenarios.load(scenario, sets, null);
        if (seeds < 1) {
            throw new Main.BadInput("--seeds " + seeds + ": must be at least 1 (e.g. --seeds 5)");
        }
        Metric rank;
        try {
            rank = Metric.parse(rankBy);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInput("--rank-by: " + e.getMessage());
        }
        checkWindow(sc, rank);
        checkApps(sc, rank);
        List<Alternative> alts = combinations();
        for (Alternative a : alts) {
            // validate every combination before spending CPU on any
            Scenarios.load(scenario, a.overrides(), null);
        }
        OutputDir target = main.outputDir(out, OutputDir.defaultDir("compare-", sc.name(), ""));
        OutputBudget budget = allowLarge ? OutputBudget.UNLIMITED : OutputBudget.DEFAULT;
        budget.check(sc, (long) alts.size() * seeds);
        Path dir = target.path();
        Compare c = new Compare(scenario, alts, seeds, dir, new SimRunFunction(budget)).rankBy(rank).console(System.out);
        c.metrics(metricsFor(sc));
        if (jobs != null) {
            c.threads(Jobs.check(jobs));
        }
        if (window.size() == 2) {
            c.eventWindow(window.get(0), window.get(1));
        }
        org.mptcpsim.study.CompareResult result = c.run();
        Main.noteReplaced(target);
        if (seeds > 1 && result.ranked().stream().allMatch(a -> a.runValues().stream()
                .allMatch(v -> java.util.Arrays.equals(v, a.runValues().get(0))))) {
            System.err.println("mptcp-sim: note: every seed gave the same result, so the confidence intervals are 0."
                    + " The seed drives random loss, send jitter (sim.tx_jitter_us), ISNs, ports and ECMP hashing;"
                    + " this scenario has none that matters. Add e.g. --set sim.tx_jitter_us=200 or a loss rate.");
        }
        System.out.println("compare: " + dir.resolve("report.html"));
        return Main.OK;
    }

    /** The default metrics, and completion-time or stall metrics when the scenario has transfers or streams. */
    static List<Metric> metricsFor(Scenario sc) {
        List<Metric> ms = new ArrayList<>(List.of(Metric.GOODPUT, Metric.JAIN, Metric.SRTT_P99, Metric.RETRANSMITS));
        if (sc.connections().stream().anyMatch(c -> c.sizeBytes() >= 0
                || (c.app() != null && !(c.app() instanceof org.mptcpsim.scenario.model.AppSpec.Stream)))) {
            ms.addAll(List.of(Metric.FCT_P50, Metric.FCT_P99, Metric.SLOWDOWN_P99));
        }
        if (sc.connections().stream().anyMatch(c -> c.app() instanceof org.mptcpsim.scenario.model.AppSpec.Stream)) {
            ms.addAll(List.of(Metric.STALLS, Metric.STALL_TIME));
        }
        return ms;
    }

    /** Completion-time metrics need transfers (an app or a size), stall metrics a stream. */
    private static void checkApps(Scenario sc, Metric rank) {
        boolean transfers = sc.connections().stream().anyMatch(c -> c.sizeBytes() >= 0
                || (c.app() != null && !(c.app() instanceof org.mptcpsim.scenario.model.AppSpec.Stream)));
        boolean streams = sc.connections().stream().anyMatch(c -> c.app() instanceof org.mptcpsim.scenario.model.AppSpec.Stream);
        if ((rank == Metric.FCT_P50 || rank == Metric.FCT_P99 || rank == Metric.SLOWDOWN_P99) && !transfers) {
            throw new Main.BadInput("--rank-by " + rank.column() + ": the scenario has no transfers; give a connection"
                    + " an app (flows, request-response) or a size (docs/scenario-format.md, Applications)");
        }
        if ((rank == Metric.STALLS || rank == Metric.STALL_TIME) && !streams) {
            throw new Main.BadInput("--rank-by " + rank.column() + ": the scenario has no stream (app: {stream: ...})");
        }
    }

    /** {@code --window T1,T2}: two times in seconds, 0 <= T1 < T2 <= the scenario's duration. */
    private void checkWindow(Scenario sc, Metric rank) {
        String given = "--window " + windowArg;
        window = new ArrayList<>();
        if (windowArg != null) {
            for (String t : windowArg.split(",", -1)) {
                try {
                    window.add(Double.parseDouble(t.trim()));
                } catch (NumberFormatException e) {
                    throw new Main.BadInput(given + ": '" + t + "' is not a time in seconds; takes two times in seconds,"
                            + " start and end (e.g. --window 10,20)");
                }
            }
        }
        if (window.isEmpty()) {
            if (rank == Metric.EVENT_GOODPUT) {
                throw new Main.BadInput("--rank-by event_goodput needs --window T1,T2 (seconds, e.g. --window 10,20)");
            }
            return;
        }
        if (window.size() != 2) {
            throw new Main.BadInput(given + ": takes two times in seconds, start and end (e.g. --window 10,20)");
        }
        double t1 = window.get(0);
        double t2 = window.get(1);
        double duration = sc.durationPs() / 1e12;
        if (!Double.isFinite(t1) || !Double.isFinite(t2) || t1 < 0) {
            throw new Main.BadInput(given + ": the times must be finite seconds from 0 (e.g. --window 10,20)");
        }
        if (t1 >= t2) {
            throw new Main.BadInput(given + ": the start (" + t1 + " s) must be before the end (" + t2
                    + " s), e.g. --window " + t2 + "," + t1);
        }
        if (t2 > duration) {
            throw new Main.BadInput(given + ": the end (" + t2 + " s) is after the end of the run (duration "
                    + duration + " s); allowed: 0 <= start < end <= " + duration);
        }
    }

    private List<Alternative> combinations() {
        List<List<String>> axes = new ArrayList<>();
        axes.add(prefixed("net.ipv4.tcp_congestion_control", names("--cc", ccs, "mptcpsim.cc")));
        axes.add(prefixed("net.mptcp.mptcp_path_manager", names("--pm", pms, "mptcpsim.pm")));
        axes.add(prefixed("net.mptcp.mptcp_scheduler", names("--scheduler", scheds, "mptcpsim.scheduler")));
        List<List<String>> combos = new ArrayList<>();
        combos.add(new ArrayList<>());
        for (List<String> axis : axes) {
            if (axis.isEmpty()) {
                continue;
            }
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combos) {
                for (String v : axis) {
                    List<String> n = new ArrayList<>(prefix);
                    n.add(v);
                    next.add(n);
                }
            }
            combos = next;
        }
        if (combos.size() == 1 && combos.get(0).isEmpty()) {
            throw new Main.BadInput("nothing to compare: give --cc, --pm and/or --scheduler with comma-separated names");
        }
        List<Alternative> out = new ArrayList<>();
        for (List<String> combo : combos) {
            List<String> all = new ArrayList<>(sets);
            all.addAll(combo);
            String name = String.join("+", combo.stream().map(s -> s.substring(s.indexOf('=') + 1)).toList());
            out.add(new Alternative(name, all));
        }
        return out;
    }

    /**
     * The names given to {@code flag} (every occurrence, comma-separated), trimmed; a blank name or one given twice is
     * refused, naming the flag, what was given and what is allowed ({@code choices}: the system property
     * {@link Choices} publishes).
     */
    static List<String> names(String flag, List<String> given, String choices) {
        String allowed = "; allowed: comma-separated distinct names, each one of: " + System.getProperty(choices, "?");
        String all = flag + " " + String.join(",", given);
        List<String> out = new ArrayList<>();
        for (String v : given) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new Main.BadInput(all + ": an empty name" + allowed);
            }
            if (out.contains(t)) {
                throw new Main.BadInput(all + ": " + t + " is given twice (each alternative runs once per seed)" + allowed);
            }
            out.add(t);
        }
        return out;
    }

    private static List<String> prefixed(String key, List<String> values) {
        return values.stream().map(v -> key + "=" + v).toList();
    }
}
