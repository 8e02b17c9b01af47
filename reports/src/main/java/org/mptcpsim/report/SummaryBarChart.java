package org.mptcpsim.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Mean goodput (Mbit/s, from summary.json) of each connection followed by each of its subflows
 * (a connection's over its life, a subflow's over its own active time, as docs/outputs.md defines):
 * one bar per category; row "connection" holds connection bars, row "subflow" subflow bars
 * (stacked rendering so each category shows its one bar at full width).
 */
public final class SummaryBarChart {
    /** Row key of connection bars. */
    public static final String CONNECTION = "connection";
    /** Row key of subflow bars. */
    public static final String SUBFLOW = "subflow";

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

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        DefaultCategoryDataset data = dataset(run.summary());
        JFreeChart chart = ChartFactory.createStackedBarChart("Mean goodput per connection and subflow (subflows: over their active time)",
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
}
