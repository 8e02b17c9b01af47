package org.mptcpsim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Completion-time charts from flows.csv: the FCT CDF (one line per connection or per compared
 * alternative, log time axis) and slowdown against transfer size (one marker per transfer, log
 * size axis). Only completed transfers are drawn.
 */
public final class FctCharts {
    private FctCharts() {
    }

    /** Completed transfers grouped by connection, in order of first appearance. */
    public static Map<String, List<TransferSample>> byConnection(List<TransferSample> ts) {
        Map<String, List<TransferSample>> out = new LinkedHashMap<>();
        for (TransferSample t : ts) {
            if (t.completed()) {
                out.computeIfAbsent(t.connection(), k -> new ArrayList<>()).add(t);
            }
        }
        return out;
    }

    /** The empirical CDF of each group's FCTs: the i-th smallest of n at (fct, i / n). */
    public static JFreeChart cdf(String title, Map<String, List<TransferSample>> groups) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<TransferSample>> e : groups.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(TransferSample::fctMs).filter(x -> x > 0).toArray();
            Arrays.sort(v);
            XYSeries s = new XYSeries(e.getKey() + " (n=" + v.length + ")", false, true);
            for (int i = 0; i < v.length; i++) {
                s.add(v[i], (i + 1) / (double) v.length);
            }
            data.addSeries(s);
        }
        JFreeChart chart = XyCharts.lines(title, "flow completion time (ms)", "fraction of transfers", data);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis("flow completion time (ms, log scale)", plot));
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 1.0);
        return chart;
    }

    /** Slowdown (FCT / ideal FCT) against size, one marker per completed transfer, per group. */
    public static JFreeChart slowdownBySize(String title, Map<String, List<TransferSample>> groups) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<TransferSample>> e : groups.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (TransferSample t : e.getValue()) {
                if (!Double.isNaN(t.slowdown()) && t.sizeBytes() > 0) {
                    s.add(t.sizeBytes(), t.slowdown());
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, "transfer size (bytes, log scale)",
                "slowdown (FCT / ideal FCT on an empty path)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setRenderer(r);
        plot.setDomainAxis(logAxis("transfer size (bytes, log scale)", plot));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    private static LogarithmicAxis logAxis(String label, XYPlot plot) {
        LogarithmicAxis x = new LogarithmicAxis(label);
        x.setStrictValuesFlag(false);
        x.setExpTickLabelsFlag(false);
        x.setLog10TickLabelsFlag(false);
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
        x.setLabelFont(plot.getDomainAxis().getLabelFont());
        x.setTickLabelFont(plot.getDomainAxis().getTickLabelFont());
        x.setLabelPaint(plot.getDomainAxis().getLabelPaint());
        x.setTickLabelPaint(plot.getDomainAxis().getTickLabelPaint());
        return x;
    }
}
