package org.mptcpsim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Mean goodput (Mbit/s, from summary.json) of each connection followed by each of its subflows:
 * one bar per category; row "connection" holds connection bars, row "subflow" subflow bars
 * (stacked rendering so each category shows its one bar at full width). A run with more than
 * {@value #MAX_BARS} bars (a fabric: 128 connections of 4 subflows make 640) gets the figure
 * datacenter papers draw instead, goodput by rank: each connection's and each subflow's goodput
 * sorted from highest to lowest, the rank on x, so the spread (collisions, starved subflows) reads
 * at a glance where 640 labelled bars would not (nor would their 6 MB of SVG glyph outlines).
 */
public final class SummaryBarChart {
    /** Row key of connection bars. */
    public static final String CONNECTION = "connection";
    /** Row key of subflow bars. */
    public static final String SUBFLOW = "subflow";

    /** Above this many bars the chart is a rank plot. */
    public static final int MAX_BARS = 40;

    private SummaryBarChart() {
    }

    /** The plotted data. */
    public static DefaultCategoryDataset dataset(Summary summary) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Summary.Connection c : summary.connections()) {
            data.addValue(c.goodputMbps(), CONNECTION, ConnectionGoodputChart.label(summary, c.id()));
            if (c.isMptcp() || c.subflows().size() > 1) {
                for (Summary.Subflow sf : c.subflows()) {
                    data.addValue(sf.goodputMbps(), SUBFLOW,
                            new SubflowKey(c.id(), sf.id()).label(summary));
                }
            }
        }
        return data;
    }

    /**
     * The rank plot's data: series 0 the connections' goodputs, series 1 the subflows' (of MPTCP
     * connections or connections with several subflows, as the bars), each sorted from highest to
     * lowest at x = 1, 2, ... (ties keep the summary's order).
     */
    public static XYSeriesCollection ranked(Summary summary) {
        List<Double> conns = new ArrayList<>();
        List<Double> subflows = new ArrayList<>();
        for (Summary.Connection c : summary.connections()) {
            conns.add(c.goodputMbps());
            if (c.isMptcp() || c.subflows().size() > 1) {
                for (Summary.Subflow sf : c.subflows()) {
                    subflows.add(sf.goodputMbps());
                }
            }
        }
        XYSeriesCollection out = new XYSeriesCollection();
        out.addSeries(rankSeries(String.format(Locale.ROOT, "connections (%d)", conns.size()), conns));
        if (!subflows.isEmpty()) {
            out.addSeries(rankSeries(String.format(Locale.ROOT, "subflows (%d)", subflows.size()), subflows));
        }
        return out;
    }

    private static XYSeries rankSeries(String key, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble((Double v) -> Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v).reversed());
        XYSeries s = new XYSeries(key, false, true);
        for (int i = 0; i < sorted.size(); i++) {
            s.add(i + 1, sorted.get(i));
        }
        return s;
    }

    /** The chart: bars, or the rank plot above {@link #MAX_BARS} bars. */
    public static JFreeChart chart(RunData run) {
        DefaultCategoryDataset data = dataset(run.summary());
        if (data.getColumnCount() > MAX_BARS) {
            return rankChart(run.summary());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(
                Timeline.title(run.summary(), "mean goodput per connection and subflow"),
                null, "goodput (Mbit/s)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(1));
        plot.setRenderer(r);
        if (data.getColumnCount() > 5) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return chart;
    }

    private static JFreeChart rankChart(Summary summary) {
        JFreeChart chart = ChartFactory.createXYLineChart(
                Timeline.title(summary, "mean goodput per connection and subflow, by rank"),
                "rank (highest goodput first)", "goodput (Mbit/s)", ranked(summary), PlotOrientation.VERTICAL,
                true, false, false);
        ChartStyle.apply(chart);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setSeriesPaint(1, ChartStyle.color(1));
        chart.getXYPlot().setRenderer(r);
        return chart;
    }
}
