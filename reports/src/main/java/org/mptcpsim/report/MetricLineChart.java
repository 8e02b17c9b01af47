package org.mptcpsim.report;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.data.xy.XYSeriesCollection;

/** A metric against a swept numeric parameter, one line (with markers) per group, e.g. per CC. */
public final class MetricLineChart {
    private MetricLineChart() {
    }

    /** The plotted data: {@code lines} maps a line name to its (x, y) points, drawn in x order. */
    public static XYSeriesCollection dataset(Map<String, List<double[]>> lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), true, true);
            for (double[] p : e.getValue()) {
                s.add(p[0], p[1]);
            }
            data.addSeries(s);
        }
        return data;
    }

    /**
     * 95 % confidence intervals: a point given as (x, mean, half-width) with a half-width that is
     * a number draws an error bar mean +/- half-width; every line keeps its series index (and so
     * its colour), possibly with no interval.
     */
    static YIntervalSeriesCollection intervals(Map<String, List<double[]>> lines) {
        YIntervalSeriesCollection out = new YIntervalSeriesCollection();
        boolean any = false;
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey() + " 95% CI");
            for (double[] p : e.getValue()) {
                if (p.length > 2 && !Double.isNaN(p[2])) {
                    s.add(p[0], p[1], p[1] - p[2], p[1] + p[2]);
                    any = true;
                }
            }
            out.addSeries(s);
        }
        return any ? out : new YIntervalSeriesCollection();
    }

    /** The chart; labels carry the units. Points with a third value get a 95 % CI error bar. */
    public static JFreeChart chart(String title, String xLabel, String yLabel, Map<String, List<double[]>> lines) {
        XYSeriesCollection data = dataset(lines);
        JFreeChart chart = XyCharts.lines(title, xLabel, yLabel, data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesShapesVisible(i, true);
        }
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        YIntervalSeriesCollection ci = intervals(lines);
        if (ci.getSeriesCount() > 0) {
            XYErrorRenderer err = new XYErrorRenderer();
            err.setDefaultLinesVisible(false);
            err.setDefaultShapesVisible(false);
            err.setDrawXError(false);
            err.setErrorStroke(ChartStyle.solid());
            err.setCapLength(10);
            for (int i = 0; i < ci.getSeriesCount(); i++) {
                err.setSeriesPaint(i, ChartStyle.color(i));
                err.setSeriesVisibleInLegend(i, false);
            }
            chart.getXYPlot().setDataset(1, ci);
            chart.getXYPlot().setRenderer(1, err);
        }
        return chart;
    }
}
