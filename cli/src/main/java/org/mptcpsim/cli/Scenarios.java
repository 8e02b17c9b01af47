package org.mptcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/** Loads a scenario file with the command line's overrides. */
public final class Scenarios {
    private Scenarios() {
    }

    /** Loads {@code file}, applying {@code sets} and then {@code seed} (when not null). */
    public static Scenario load(Path file, List<String> sets, Long seed) {
        if (!Files.isRegularFile(file)) {
            throw new Main.BadInput(file + (Files.isDirectory(file) ? ": a directory, not a scenario file (give a .yaml or .json file"
                    + " in it, e.g. scenarios/examples/two-paths.yaml)" : Files.exists(file) ? ": not a regular file (a pipe or"
                    + " device: the scenario is read more than once and copied into the run; save it to a file first)"
                    : ": no such scenario file"));
        }
        List<String> all = new ArrayList<>(sets);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return ScenarioLoader.loadFile(file, all);
    }
}
