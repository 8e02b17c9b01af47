package org.mptcpsim.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/** Shared construction of time-series line charts in the slide style. */
final class XyCharts {
    private XyCharts() {
    }

    /** A line chart, one coloured solid line per series, no markers; long series are thinned. */
    static JFreeChart lines(String title, String xLabel, String yLabel, XYSeriesCollection full) {
        XYSeriesCollection data = Decimator.collection(full, Decimator.MAX_POINTS);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesStroke(i, ChartStyle.solid());
        }
        plot.setRenderer(r);
        return chart;
    }

    /**
     * A line chart over simulated time: {@link #lines} with the title naming scenario and
     * algorithms, the time axis ending at the run's duration and the run's events as markers.
     */
    static JFreeChart timeLines(RunData run, String what, String yLabel, XYSeriesCollection full) {
        JFreeChart chart = lines(Timeline.title(run.summary(), what), "time (s)", yLabel, full);
        Timeline.apply(chart.getXYPlot(), run, true);
        return chart;
    }

    /** Mbit/s between two cumulative byte counts taken {@code dt} seconds apart. */
    static double mbps(long bytesBefore, long bytesAfter, double dt) {
        return dt <= 0 ? 0.0 : (bytesAfter - bytesBefore) * 8.0 / dt / 1e6;
    }
}
