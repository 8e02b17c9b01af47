package org.mptcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.scenario.run.OutputBudget;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mptcp-sim run SCENARIO [--out DIR] [--seed N] [--set KEY=VALUE]...}. */
@Command(name = "run",
        description = {"Run a scenario and write its run directory (format: docs/outputs.md):",
                "  summary.json, subflows.csv, connections.csv, queues.csv, events.csv, engine.json, charts/, report.html",
                "Prints a progress line on a terminal and a summary (goodput, srtt, retransmits per subflow) at the end.",
                "Example: run scenarios/examples/two-paths.yaml -s 7 -D net.ipv4.tcp_congestion_control=olia -o runs/olia"})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "run directory (default runs/<scenario-name>)")
    Path out;

    @Option(names = {"-s", "--seed"}, paramLabel = "N", description = "random seed (overrides the scenario's)")
    Long seed;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a scenario field or kernel option (repeatable), e.g. -D duration=60s")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-report", description = "skip charts and report.html")
    boolean noReport;

    @Option(names = {"-q", "--quiet"}, description = "print nothing on success: no progress line, no summary "
            + "(errors still go to stderr; the run directory is written as usual)")
    boolean quiet;

    @Option(names = "--allow-large-output", description = "lift the 1 GiB limit on the sampled CSVs (docs/scenario-format.md, Limits)")
    boolean allowLarge;

    @ParentCommand
    Main main;

    @Option(names = "--stall-events", paramLabel = "N", defaultValue = "20000000",
            description = "watchdog: end the run with an internal error (exit 1) naming the component when N events "
                    + "in a row run without the simulated clock advancing (default ${DEFAULT-VALUE})")
    long stallEvents;

    @Option(names = "--summary", description = "print the summary even with --quiet")
    boolean summary;

    @Option(names = "--pcap", paramLabel = "LINK", split = ",",
            description = "capture every packet the link delivers, both directions, into pcap/LINK.pcap of the run "
                    + "directory (headers only, for Wireshark or tcpdump -r; repeatable or comma-separated; docs/outputs.md)")
    List<String> pcap = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Scenario sc = Scenarios.load(main.resolve(scenario), sets, seed);
        OutputDir target = main.outputDir(out, OutputDir.defaultDir("", sc.name(), ""));
        OutputBudget budget = allowLarge ? OutputBudget.UNLIMITED : OutputBudget.DEFAULT;
        budget.check(sc, 1);
        Progress progress = quiet ? null : new Progress("run " + sc.name());
        if (stallEvents <= 0) {
            throw new Main.BadInput("--stall-events: must be a positive number of events, got " + stallEvents);
        }
        ScenarioRunner runner = new ScenarioRunner(sc).budget(budget);
        runner.setStallLimit(stallEvents);
        try {
            runner.capture(pcap);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInput("--pcap: " + e.getMessage());
        }
        RunResult r = runner.run(target, progress == null ? ScenarioRunner.Progress.NONE : progress);
        if (progress != null) {
            progress.done();
        }
        Main.noteReplaced(target);
        if (!noReport) {
            Reports.render(target.path());
        }
        if (!quiet || summary) {
            printSummary(r);
        }
        return Main.OK;
    }

    static void printSummary(RunResult r) {
        System.out.println("run directory: " + r.dir());
        for (RunResult.Connection c : r.connections()) {
            System.out.printf(Locale.ROOT, "  %-10s %-5s %-7s goodput %9.3f Mbit/s%n", c.id(), c.type(), c.cc(),
                    c.goodputMbps());
            for (RunResult.SubflowStats s : c.subflows()) {
                System.out.printf(Locale.ROOT, "      sf%-3d %-24s %9.3f Mbit/s  srtt %7.1f ms  retrans %d  %s%n", s.id(),
                        String.join(">", s.path()), s.goodputMbps(), s.srttMeanMs(), s.retransmits(),
                        Double.isNaN(s.startS()) ? "never established"
                                : String.format(Locale.ROOT, "active %.3f-%.3f s", s.startS(), s.endS()));
            }
        }
        System.out.printf(Locale.ROOT, "  fairness (Jain) %.3f; %d events, %d data packets in %.2f s wall (%.2f M pkt/s)%n",
                r.jain(), r.events(), r.dataPackets(), r.wallSeconds(), r.dataPackets() / r.wallSeconds() / 1e6);
        if (!Files.exists(r.dir().resolve("summary.json"))) {
            throw new IllegalStateException("summary.json missing");
        }
    }
}
