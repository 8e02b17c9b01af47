package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mptcp-sim check SCENARIO [--set KEY=VALUE]...}: loads the scenario and builds the
 * simulation (topology, connections, plug-ins, buffers) without running it or writing anything.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a scenario file: load it, apply the overrides and build the simulation without running"
                + " it. Exit 0 when it would run, 2 with a located message when not. Writes nothing.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario field or kernel option")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Scenario sc = Scenarios.load(scenario, sets, null);
        new ScenarioRunner(sc);
        System.out.println("ok: " + sc.name() + " (" + sc.connections().size() + " connections, " + sc.links().size()
                + " links, duration " + sc.durationPs() / 1e12 + " s)");
        return Main.OK;
    }
}
