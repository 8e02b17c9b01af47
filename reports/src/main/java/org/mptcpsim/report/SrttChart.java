package org.mptcpsim.report;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Smoothed RTT over time per subflow, in milliseconds ({@code srtt_us / 1000}). */
public final class SrttChart {
    private SrttChart() {
    }

    /** The plotted data: one series per subflow. */
    public static XYSeriesCollection dataset(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<SubflowKey, List<SubflowSample>> e : SubflowKey.group(run.subflows()).entrySet()) {
            XYSeries s = new XYSeries(e.getKey().label(run.summary()), false, true);
            for (SubflowSample x : e.getValue()) {
                s.add(x.timeS(), x.srttUs() / 1000.0);
            }
            data.addSeries(s);
        }
        return data;
    }

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        return XyCharts.lines("Smoothed RTT per subflow", "time (s)", "srtt (ms)", dataset(run));
    }
}
