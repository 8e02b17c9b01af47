package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mptcpsim.report.MalformedRunException;
import org.mptcpsim.scenario.output.OutputDir;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mptcp-sim report RUN_DIR}: redraws the charts and report.html of an existing run. */
@Command(name = "report", description = "Redraw charts and report.html of a run directory (after editing or copying one, "
        + "or for a run made with --no-report).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a directory written by run or kernel (it holds summary.json)")
    Path dir;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        Path run = OutputDir.checkRunToReport(main.cwd(), dir);   // only a run of ours (or the files of one)
        try {
            Reports.render(run);
        } catch (MalformedRunException e) {
            // the run's files are read in full before a chart is drawn, so nothing was written
            throw new Main.BadInput("RUN_DIR " + dir + ": " + run + "/" + e.getMessage() + " (the run's files must follow"
                    + " docs/outputs.md: damaged or edited by hand; restore the file or run the scenario again). Nothing was changed.");
        } catch (java.nio.file.FileSystemException e) {
            // report writes into the run directory itself (charts/, report.html): there is no --out to choose
            throw new Main.BadInput("RUN_DIR " + dir + ": " + Main.describe(e) + "; report writes charts/ and report.html"
                    + " into the run directory: move what is in the way, or copy the run elsewhere and report that");
        }
        System.out.println("report: " + run.resolve("report.html"));
        return Main.OK;
    }
}
