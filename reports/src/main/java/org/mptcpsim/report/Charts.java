package org.mptcpsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Draws every per-run chart from a {@link RunData} into {@code RUN_DIR/charts/} as PNG and SVG.
 * Charts without data (e.g. no queues.csv) are skipped. Same input = byte-identical files.
 */
public final class Charts {
    /** Chart file base names (the report shows goodput over time first, the summary bars last). */
    public static final String CWND = "cwnd";
    /** Stacked goodput per subflow. */
    public static final String GOODPUT_SUBFLOWS = "goodput-subflows";
    /** Goodput per connection. */
    public static final String GOODPUT_CONNECTIONS = "goodput-connections";
    /** Smoothed RTT. */
    public static final String SRTT = "srtt";
    /** Queue occupancy and drops. */
    public static final String QUEUES = "queues";
    /** FCT CDF per connection (runs with transfers). */
    public static final String FCT_CDF = "fct-cdf";
    /** Slowdown against transfer size (runs with transfers). */
    public static final String SLOWDOWN = "slowdown-by-size";
    /** Bar chart of mean goodputs from summary.json. */
    public static final String SUMMARY = "summary-goodput";

    private Charts() {
    }

    /** A chart written as {@code charts/NAME.png} and {@code charts/NAME.svg}, with its caption. */
    public record ChartFile(String name, String caption) {
        /** Path of the SVG relative to the run directory. */
        public String svg() {
            return "charts/" + name + ".svg";
        }

        /** Path of the PNG relative to the run directory. */
        public String png() {
            return "charts/" + name + ".png";
        }
    }

    /** Writes all charts under {@code run.dir()/charts}; returns what was written, in order. */
    public static List<ChartFile> writeAll(RunData run) throws IOException {
        Path dir = run.dir().resolve("charts");
        List<ChartFile> out = new ArrayList<>();
        if (!run.subflows().isEmpty()) {
            add(out, dir, GOODPUT_SUBFLOWS, "Goodput per subflow (stacked)", SubflowGoodputChart.chart(run));
        }
        if (!run.connections().isEmpty()) {
            add(out, dir, GOODPUT_CONNECTIONS, "Goodput per connection", ConnectionGoodputChart.chart(run));
        }
        if (!run.subflows().isEmpty()) {
            add(out, dir, CWND, "Congestion window (solid) and ssthresh (dashed), packets", CwndChart.chart(run));
            add(out, dir, SRTT, "Smoothed RTT", SrttChart.chart(run));
        }
        JFreeChart queues = run.queues().isEmpty() ? null : QueueChart.chart(run);
        if (queues != null) {
            add(out, dir, QUEUES, "Queue occupancy and drops (links that queued; dashed: buffer limit)", queues);
        }
        Map<String, List<TransferSample>> done = FctCharts.byConnection(run.transfers());
        if (!done.isEmpty()) {
            add(out, dir, FCT_CDF, "Flow completion time CDF (transfers and requests; log time axis)",
                    FctCharts.cdf(Timeline.title(run.summary(), "flow completion times"), done));
            add(out, dir, SLOWDOWN, "Slowdown (FCT over the ideal FCT on an empty path) against transfer size",
                    FctCharts.slowdownBySize(Timeline.title(run.summary(), "slowdown by transfer size"), done));
        }
        if (!run.summary().connections().isEmpty()) {
            add(out, dir, SUMMARY, "Mean goodput per connection and subflow", SummaryBarChart.chart(run));
        }
        return out;
    }

    private static void add(List<ChartFile> out, Path dir, String name, String caption, JFreeChart chart)
            throws IOException {
        ChartWriter.write(chart, dir, name);
        out.add(new ChartFile(name, caption));
    }
}
