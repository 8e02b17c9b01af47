package org.mptcpsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code mptcp-sim report RUN_DIR}: redraws every chart of a run from its files and writes
 * {@code RUN_DIR/report.html}, one page that opens from disk (relative links only, no scripts,
 * no network). Deterministic: no timestamps, no wall-clock values other than the run's own.
 */
public final class RunReport {
    /** File name of the scenario copy a run may carry. */
    public static final String SCENARIO_FILE = "scenario.yaml";

    private RunReport() {
    }

    /** Loads {@code runDir}, writes charts and report.html; returns the report's path. */
    public static Path generate(Path runDir) throws IOException {
        RunData run = RunData.load(runDir);
        List<Charts.ChartFile> charts = Charts.writeAll(run);
        Path out = runDir.resolve("report.html");
        Files.writeString(out, html(run, charts), StandardCharsets.UTF_8);
        return out;
    }

    /** The page for {@code run} showing {@code charts} (already written). */
    public static String html(RunData run, List<Charts.ChartFile> charts) throws IOException {
        Summary s = run.summary();
        Html h = new Html("mptcp-sim run: " + s.scenario());
        h.paragraph("scenario " + s.scenario() + ", seed " + s.seed() + ", duration "
                + Html.num(s.durationS(), 3) + " s" + (s.source().isEmpty() ? "" : ", source " + s.source()));
        h.heading(2, "Kernel options");
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : s.kernel().entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        h.table(List.of("option", "value"), rows);
        Path scenario = run.dir().resolve(SCENARIO_FILE);
        if (Files.isRegularFile(scenario)) {
            h.details(SCENARIO_FILE, Files.readString(scenario, StandardCharsets.UTF_8));
        }
        h.heading(2, "Connections");
        rows = new ArrayList<>();
        for (Summary.Connection c : s.connections()) {
            rows.add(List.of(c.id(), c.type(), c.cc(), c.pm(), c.scheduler(), Html.num(c.goodputMbps(), 3),
                    Long.toString(c.bytesDelivered())));
        }
        h.table(List.of("id", "type", "cc", "pm", "scheduler", "goodput (Mbit/s)", "bytes delivered"), rows);
        h.heading(2, "Subflows");
        rows = new ArrayList<>();
        for (Summary.Connection c : s.connections()) {
            for (Summary.Subflow sf : c.subflows()) {
                rows.add(List.of(c.id(), Integer.toString(sf.id()), String.join("/", sf.path()),
                        Double.isNaN(sf.startS()) ? "-" : Html.num(sf.startS(), 3) + " - " + Html.num(sf.endS(), 3),
                        Html.num(sf.goodputMbps(), 3), Long.toString(sf.retransmits()),
                        Html.num(sf.srttMeanMs(), 2), Html.num(sf.srttP99Ms(), 2), Html.num(sf.cwndMean(), 1),
                        Long.toString(sf.ssthreshReductions()), Long.toString(sf.bytesAcked())));
            }
        }
        h.table(List.of("connection", "subflow", "path", "active (s)", "goodput over active (Mbit/s)", "retransmits", "srtt mean (ms)",
                "srtt p99 (ms)", "cwnd mean (pkts)", "ssthresh reductions", "bytes acked"), rows);
        h.heading(2, "Links");
        rows = new ArrayList<>();
        for (Summary.Link l : s.links()) {
            rows.add(List.of(l.id(), Html.num(l.utilization(), 3), Long.toString(l.drops()),
                    Html.num(l.queueMeanPkts(), 2)));
        }
        h.table(List.of("link", "utilization", "drops (pkts)", "queue mean (pkts)"), rows);
        h.heading(2, "Fairness and engine");
        h.table(List.of("Jain index", "events", "data packets", "wall time (s)"),
                List.of(List.of(Html.num(s.jain(), 4), Long.toString(s.engine().events()),
                        Long.toString(s.engine().dataPackets()), Html.num(s.engine().wallSeconds(), 3))));
        h.heading(2, "Charts");
        for (Charts.ChartFile c : charts) {
            h.figure(c.svg(), c.png(), c.caption());
        }
        return h.finish();
    }
}
