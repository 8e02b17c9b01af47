package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.List;

import org.mptcpsim.scenario.run.OutputBudget;
import org.mptcpsim.scenario.run.ScenarioRunner;
import org.mptcpsim.study.RunFunction;

/** Runs the simulator for compare and sweep: one scenario, seed and override set into one directory. */
final class SimRunFunction implements RunFunction {
    private final OutputBudget budget;

    SimRunFunction(OutputBudget budget) {
        this.budget = budget;
    }

    @Override
    public void run(Path scenario, long seed, List<String> overrides, Path outDir) throws Exception {
        new ScenarioRunner(Scenarios.load(scenario, overrides, seed)).budget(budget).run(outDir, ScenarioRunner.Progress.NONE);
    }
}
