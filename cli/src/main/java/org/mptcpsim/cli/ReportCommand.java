package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

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
        Reports.render(run);
        System.out.println("report: " + run.resolve("report.html"));
        return Main.OK;
    }
}
