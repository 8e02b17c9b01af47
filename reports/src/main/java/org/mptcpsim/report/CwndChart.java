package org.mptcpsim.report;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * cwnd and ssthresh (packets) over time, per subflow: series {@code 2i} is subflow i's cwnd
 * (solid), {@code 2i+1} its ssthresh (dashed, same colour). An infinite ssthresh
 * ({@value SubflowSample#INFINITE_SSTHRESH}) is a gap (null y), never a point. A closed
 * subflow's lines end at its last sample before it closed.
 */
public final class CwndChart {
    private CwndChart() {
    }

    /** The plotted data. */
    public static XYSeriesCollection dataset(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<SubflowKey, List<SubflowSample>> e : SubflowKey.group(run.subflows()).entrySet()) {
            String label = e.getKey().label(run.summary());
            XYSeries cwnd = new XYSeries(label + " cwnd", false, true);
            XYSeries ssthresh = new XYSeries(label + " ssthresh", false, true);
            for (SubflowSample s : e.getValue()) {
                if (s.isClosed()) {
                    break; // the lines end where the subflow closed
                }
                cwnd.add(s.timeS(), s.cwnd());
                if (s.ssthresh() == SubflowSample.INFINITE_SSTHRESH) {
                    ssthresh.add(s.timeS(), null);
                } else {
                    ssthresh.add(s.timeS(), s.ssthresh());
                }
            }
            data.addSeries(cwnd);
            data.addSeries(ssthresh);
        }
        return data;
    }

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        XYSeriesCollection data = dataset(run);
        JFreeChart chart = XyCharts.timeLines(run, "cwnd (solid) and ssthresh (dashed) per subflow",
                "packets", data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i / 2));
            r.setSeriesStroke(i, i % 2 == 0 ? ChartStyle.solid() : ChartStyle.dashed());
        }
        return chart;
    }
}
