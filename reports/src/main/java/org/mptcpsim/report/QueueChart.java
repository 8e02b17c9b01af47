package org.mptcpsim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Two stacked plots sharing the time axis: queue occupancy (packets, {@code qlen_pkts}) per link
 * on top, cumulative drops ({@code drops}) per link below. Link i has the same colour in both.
 */
public final class QueueChart {
    private QueueChart() {
    }

    private static Map<String, List<QueueSample>> group(List<QueueSample> samples) {
        Map<String, List<QueueSample>> out = new LinkedHashMap<>();
        for (QueueSample s : samples) {
            out.computeIfAbsent(s.link(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** Queue length in packets, one series per link (direction). */
    public static XYSeriesCollection occupancy(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<QueueSample>> e : group(run.queues()).entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (QueueSample q : e.getValue()) {
                s.add(q.timeS(), q.qlenPkts());
            }
            data.addSeries(s);
        }
        return data;
    }

    /** Cumulative drops, one series per link (direction). */
    public static XYSeriesCollection drops(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<QueueSample>> e : group(run.queues()).entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (QueueSample q : e.getValue()) {
                s.add(q.timeS(), q.drops());
            }
            data.addSeries(s);
        }
        return data;
    }

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        plot.setGap(16);
        XYPlot top = sub(Decimator.collection(occupancy(run), Decimator.MAX_POINTS), "queue (packets)");
        XYPlot bottom = sub(Decimator.collection(drops(run), Decimator.MAX_POINTS), "drops (cumulative)");
        plot.add(top, 3);
        plot.add(bottom, 2);
        JFreeChart chart = new JFreeChart("Queue occupancy and drops per link", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        ChartStyle.apply(chart); // the theme resets renderers: style the series afterwards
        style(top, true);
        style(bottom, false);
        return chart;
    }

    private static void style(XYPlot plot, boolean legend) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesStroke(i, ChartStyle.solid());
            r.setSeriesVisibleInLegend(i, legend);
        }
        plot.setRenderer(r);
    }

    private static XYPlot sub(XYSeriesCollection data, String yLabel) {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        return new XYPlot(data, null, y, new XYLineAndShapeRenderer(true, false));
    }
}
