package org.mptcpsim.report;

import java.nio.file.Path;

/** Lets tests in other packages use {@link RunReportTest}'s reference check. */
public final class RunReportTestAccess {
    private RunReportTestAccess() {
    }

    /** See {@link RunReportTest#assertReferencesExist}. */
    public static void assertReferencesExist(Path base, String html) {
        RunReportTest.assertReferencesExist(base, html);
    }
}
