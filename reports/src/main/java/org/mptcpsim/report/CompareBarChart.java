package org.mptcpsim.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * One metric across alternatives: a bar at the mean with an error bar of the 95% confidence
 * interval. The dataset's "standard deviation" slot carries the CI half-width, which is what
 * {@link StatisticalBarRenderer} draws as mean +/- that value. A NaN half-width (one seed) draws
 * no error bar. Each alternative's bar has its own colour (the same in every metric's chart, as
 * the alternatives come in one order); a Jain-index axis spans 0 to 1 in steps of 0.1.
 */
public final class CompareBarChart {
    /** The single row key. */
    public static final String MEAN = "mean";

    private CompareBarChart() {
    }

    /** The plotted data; lists are parallel, in the order to draw. */
    public static DefaultStatisticalCategoryDataset dataset(List<String> names, List<Double> means,
                                                            List<Double> halfWidths) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int i = 0; i < names.size(); i++) {
            double h = halfWidths.get(i);
            data.add(means.get(i), Double.isNaN(h) ? null : Double.valueOf(h), MEAN, names.get(i));
        }
        return data;
    }

    /** The chart; {@code yLabel} carries the unit, e.g. "goodput (Mbit/s)". */
    public static JFreeChart chart(String title, String yLabel, List<String> names, List<Double> means,
                                   List<Double> halfWidths) {
        CategoryPlot plot = new CategoryPlot(dataset(names, means, halfWidths),
                new CategoryAxis("alternative"), new NumberAxis(yLabel), new StatisticalBarRenderer());
        JFreeChart chart = new JFreeChart(title + " (mean, 95% CI)", JFreeChart.DEFAULT_TITLE_FONT,
                plot, false);
        ChartStyle.apply(chart); // the theme resets renderers: style the bars afterwards
        StatisticalBarRenderer r = new StatisticalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return ChartStyle.color(column); // one colour per alternative
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.15);
        r.setSeriesPaint(0, ChartStyle.color(0));
        r.setErrorIndicatorPaint(java.awt.Color.BLACK);
        r.setErrorIndicatorStroke(ChartStyle.solid());
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true); // bars start at zero
        if (yLabel.toLowerCase(java.util.Locale.ROOT).contains("jain")) {
            // Jain's index lies in [1/n, 1]: the whole unit range with ticks every 0.1
            NumberAxis y = (NumberAxis) plot.getRangeAxis();
            y.setRange(0.0, 1.0);
            y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        }
        return chart;
    }
}
