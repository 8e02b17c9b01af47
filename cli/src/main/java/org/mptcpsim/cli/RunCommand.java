package org.mptcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-sim run SCENARIO [--out DIR] [--seed N] [--set KEY=VALUE]...}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario and write summary.json, subflows.csv, connections.csv, queues.csv, "
                + "events.csv, charts and report.html.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/<scenario-name>)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (overrides the scenario's)")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a scenario field or kernel option, e.g. net.ipv4.tcp_congestion_control=olia")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-report", description = "skip charts and report.html")
    boolean noReport;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Scenario sc = Scenarios.load(scenario, sets, seed);
        Path dir = out != null ? out : Path.of("runs", sc.name());
        Progress progress = quiet ? null : new Progress("run " + sc.name());
        RunResult r = new ScenarioRunner(sc).run(dir, progress == null ? ScenarioRunner.Progress.NONE : progress);
        if (progress != null) {
            progress.done();
        }
        if (!noReport) {
            Reports.render(dir);
        }
        printSummary(r);
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
