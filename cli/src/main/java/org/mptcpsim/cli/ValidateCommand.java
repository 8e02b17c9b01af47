package org.mptcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mptcpsim.lab.Backend;
import org.mptcpsim.lab.LabRefusedException;
import org.mptcpsim.lab.Validation;
import org.mptcpsim.report.MalformedRunException;
import org.mptcpsim.report.RunData;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.scenario.run.OutputBudget;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mptcp-sim validate SCENARIO [--backend host|vm|uml] [--runs N] [--sim-runs M] [--out DIR]}, or
 * {@code --reference DIR} to hold the simulator to kernel runs recorded before (a run directory, or a directory of
 * {@code run-1, run-2, ...} such as the committed references) without running a kernel.
 */
@Command(name = "validate",
        description = {"Run a scenario N times on a real kernel and M times (seeds) in the simulator, compare per subflow (goodput, "
                + "srtt median/p90, cwnd median, loss events, share) with tolerances widened by the kernel's run-to-run spread, "
                + "and write verdict.txt/.csv, overlay charts and report.html.",
                "Exit 0 within tolerance, 3 outside, 2 refused or bad input."})
final class ValidateCommand implements Callable<Integer> {
    static final int OUTSIDE_TOLERANCE = 3;

    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = "--backend", paramLabel = "host|vm|uml", description = "host (default without --kernel), vm or uml (see kernel --help)")
    String backend;

    @Option(names = "--kernel", paramLabel = "IMAGE", description = "vm: bzImage, uml: User-Mode Linux kernel to boot")
    Path kernel;

    @Option(names = "--modules", paramLabel = "DIR", description = "vm: the image's lib/modules/<version> directory")
    Path modules;

    @Option(names = "--runs", paramLabel = "N", description = "kernel runs (default 3; ≥ 2 gives the spread)")
    int runs = 3;

    @Option(names = "--sim-runs", paramLabel = "M", description = "simulator runs with seeds seed..seed+M-1, compared by their mean "
            + "(default 5; they differ only with random elements such as sim.tx_jitter_us)")
    int simRuns = 5;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output directory (default runs/<scenario-name>-validate)")
    Path out;

    @Option(names = "--reference", paramLabel = "DIR", description = "compare with recorded kernel runs instead of running a kernel: "
            + "a run directory or a directory of run-1, run-2, ... (e.g. kernel-lab/src/test/resources/reference-oot/lab-oot-a2-lia)")
    Path reference;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "override a scenario field or kernel option")
    List<String> sets = new ArrayList<>();

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 20) {
            throw new Main.BadInput("--runs must be 1..20");
        }
        if (simRuns < 1 || simRuns > 100) {
            throw new Main.BadInput("--sim-runs must be 1..100");
        }
        Scenario sc = Scenarios.load(main.resolve(scenario), sets, null);
        OutputDir[] targets = KernelCommand.targets(main, out, OutputDir.defaultDir("", sc.name(), "-validate"));
        OutputBudget.DEFAULT.check(sc, simRuns);
        Path dir = targets[0].path();
        if (reference != null) {
            List<Path> kernels = referenceRuns(main.resolve(reference), sc.name());
            int rc = KernelCommand.intoRunDir(targets, "validate", sc.name(), d -> {
                System.out.printf("simulator: %d run(s) vs %d recorded kernel run(s) in %s%n", simRuns, kernels.size(), reference);
                return Validation.compareAndReport(sc.name(), Validation.simRuns(sc, simRuns, d), kernels, Validation.window(sc, System.out), d, System.out);
            });
            System.out.println("validation: " + dir + "/report.html — " + (rc == 0 ? "within tolerance" : "OUTSIDE tolerance"));
            return rc == 0 ? Main.OK : OUTSIDE_TOLERANCE;
        }
        Backend b = KernelCommand.backend(backend, kernel, modules);
        int rc;
        try {
            rc = KernelCommand.intoRunDir(targets, "validate", sc.name(),
                    d -> Validation.validate(sc, new Validation.KernelTarget(b, kernel, modules), runs, simRuns, d, System.out));
        } catch (LabRefusedException e) {
            return KernelCommand.refused(e);
        }
        System.out.println("validation: " + dir + "/report.html — " + (rc == 0 ? "within tolerance" : "OUTSIDE tolerance"));
        return rc == 0 ? Main.OK : OUTSIDE_TOLERANCE;
    }

    /**
     * {@code dir} itself when it is a run directory, else its {@code run-1, run-2, ...}; bad input when neither, when a
     * run is not a kernel run (summary.json's {@code source} is not {@code kernel-...}: a simulator run would pass the
     * simulator as its own reference) or records another scenario than {@code scenario}.
     */
    static List<Path> referenceRuns(Path dir, String scenario) {
        List<Path> r = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("summary.json"))) {
            r.add(dir);   // one run directory, checked as the run-N below
        } else {
            for (int i = 1; Files.isRegularFile(dir.resolve("run-" + i).resolve("summary.json")); i++) r.add(dir.resolve("run-" + i));
        }
        if (r.isEmpty()) {
            throw new Main.BadInput("--reference " + dir + ": not a run directory (summary.json) nor a directory of run-1, run-2, ...");
        }
        for (Path run : r) {
            // read every recorded run in full before anything is written: a damaged file is the user's input, located
            try {
                org.mptcpsim.report.Summary sum = RunData.load(run).summary();
                if (!sum.source().startsWith("kernel")) {
                    throw new Main.BadInput("--reference " + dir + ": " + run + " is not a kernel run (its summary.json says source "
                            + (sum.source().isEmpty() ? "(none)" : sum.source()) + "; a reference is what `mptcp-sim kernel` or the lab"
                            + " recorded: source kernel-host, kernel-vm, kernel-uml, ...). Nothing was written.");
                }
                if (!sum.scenario().equals(scenario)) {
                    throw new Main.BadInput("--reference " + dir + ": " + run + " records scenario " + sum.scenario() + ", not "
                            + scenario + " (validate the scenario the kernel ran, or --set name=" + sum.scenario()
                            + " if this one is meant to be the same). Nothing was written.");
                }
            } catch (MalformedRunException e) {
                throw new Main.BadInput("--reference " + dir + ": " + run + "/" + e.getMessage() + " (a recorded run's files must"
                        + " follow docs/outputs.md; restore the file or record the run again). Nothing was written.");
            } catch (java.io.IOException e) {
                throw new Main.BadInput("--reference " + dir + ": " + run + ": cannot be read: " + e.getMessage() + ". Nothing was written.");
            }
        }
        return r;
    }
}
