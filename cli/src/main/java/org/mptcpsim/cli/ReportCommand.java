package org.mptcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mptcp-sim report RUN_DIR}: redraws the charts and report.html of an existing run. */
@Command(name = "report", description = "Redraw charts and report.html of a run directory (after editing or copying one, "
        + "or for a run made with --no-report).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a directory written by run or kernel (it holds summary.json)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new Main.BadInput(dir + ": not a run directory (no summary.json)");
        }
        Reports.render(dir);
        System.out.println("report: " + dir.resolve("report.html"));
        return Main.OK;
    }
}
