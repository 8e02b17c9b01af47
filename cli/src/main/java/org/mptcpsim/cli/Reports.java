package org.mptcpsim.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.mptcpsim.report.RunReport;

/** Draws a run directory's charts and report.html. */
final class Reports {
    private Reports() {
    }

    static void render(Path runDir) throws IOException {
        RunReport.generate(runDir);
    }
}
