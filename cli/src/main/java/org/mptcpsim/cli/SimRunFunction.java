package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.List;

import org.mptcpsim.scenario.run.ScenarioRunner;
import org.mptcpsim.study.RunFunction;

/** Runs the simulator for compare and sweep: one scenario, seed and override set into one directory. */
final class SimRunFunction implements RunFunction {
    @Override
    public void run(Path scenario, long seed, List<String> overrides, Path outDir) throws Exception {
        new ScenarioRunner(Scenarios.load(scenario, overrides, seed)).run(outDir, ScenarioRunner.Progress.NONE);
    }
}
