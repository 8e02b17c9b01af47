package org.mptcpsim.report;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Smoothed RTT over time per subflow, in milliseconds ({@code srtt_us / 1000}), from the first RTT
 * sample (srtt_us 0 before it is not drawn) until the subflow closed.
 */
public final class SrttChart {
    private SrttChart() {
    }

    /** The plotted data: one series per subflow. */
    public static XYSeriesCollection dataset(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<SubflowKey, List<SubflowSample>> e : SubflowKey.group(run.subflows()).entrySet()) {
            XYSeries s = new XYSeries(e.getKey().label(run.summary()), false, true);
            for (SubflowSample x : e.getValue()) {
                if (x.isClosed()) {
                    break; // the line ends where the subflow closed
                }
                if (x.srttUs() > 0) { // 0 until the first RTT sample: nothing to draw
                    s.add(x.timeS(), x.srttUs() / 1000.0);
                }
            }
            data.addSeries(s);
        }
        return data;
    }

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        return XyCharts.timeLines(run, "smoothed RTT per subflow", "srtt (ms)", dataset(run));
    }
}
