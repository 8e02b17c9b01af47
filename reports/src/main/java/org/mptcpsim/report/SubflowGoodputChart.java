package org.mptcpsim.report;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/**
 * Goodput per subflow over time as a stacked area (Mbit/s). The value at sample {@code i} is
 * {@code (bytes_acked[i] - bytes_acked[i-1]) * 8 / (t[i] - t[i-1]) / 1e6}; a subflow's first
 * sample only sets its baseline. Every series carries every time at which any subflow has a value
 * (0 where this subflow has none), as a stacked area needs.
 */
public final class SubflowGoodputChart {
    private SubflowGoodputChart() {
    }

    /** The plotted data: one series per subflow over the union of sample times. */
    public static DefaultTableXYDataset dataset(RunData run) {
        Map<SubflowKey, List<SubflowSample>> groups = SubflowKey.group(run.subflows());
        TreeSet<Double> times = new TreeSet<>();
        for (List<SubflowSample> ss : groups.values()) {
            for (int i = 1; i < ss.size(); i++) {
                times.add(ss.get(i).timeS());
            }
        }
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (Map.Entry<SubflowKey, List<SubflowSample>> e : groups.entrySet()) {
            XYSeries series = new XYSeries(e.getKey().label(run.summary()), true, false);
            for (double t : times) {
                series.add(t, 0.0, false);
            }
            List<SubflowSample> ss = e.getValue();
            for (int i = 1; i < ss.size(); i++) {
                SubflowSample a = ss.get(i - 1);
                SubflowSample b = ss.get(i);
                series.updateByIndex(series.indexOf(b.timeS()),
                        XyCharts.mbps(a.bytesAcked(), b.bytesAcked(), b.timeS() - a.timeS()));
            }
            data.addSeries(series);
        }
        return data;
    }

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        DefaultTableXYDataset data = dataset(run);
        JFreeChart chart = ChartFactory.createStackedXYAreaChart(
                Timeline.title(run.summary(), "goodput per subflow (stacked)"),
                "time (s)", "goodput (Mbit/s)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
        }
        chart.getXYPlot().setRenderer(r);
        Timeline.apply(chart.getXYPlot(), run, true);
        return chart;
    }
}
