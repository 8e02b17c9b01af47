package org.mptcpsim.report;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
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

    /** The chart; labels carry the units. */
    public static JFreeChart chart(String title, String xLabel, String yLabel, Map<String, List<double[]>> lines) {
        XYSeriesCollection data = dataset(lines);
        JFreeChart chart = XyCharts.lines(title, xLabel, yLabel, data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesShapesVisible(i, true);
        }
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }
}
