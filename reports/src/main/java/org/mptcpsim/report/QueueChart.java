package org.mptcpsim.report;

import java.util.ArrayList;
import java.util.Comparator;
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
 * Two stacked plots sharing the time axis: queue occupancy (packets, {@code qlen_pkts}) on top,
 * with each link's drop-tail limit ({@code bufferPkts} of summary.json) as a dashed line of the
 * same colour, and cumulative drops ({@code drops}) below. Only link directions that ever queued
 * (more than one packet at a sample) are drawn, at most {@value #TOP_N} of them, those with the highest mean occupancy (ties in
 * file order); link i has the same colour in both plots.
 */
public final class QueueChart {
    /** Most link directions drawn. */
    public static final int TOP_N = 6;

    private QueueChart() {
    }

    private static Map<String, List<QueueSample>> group(List<QueueSample> samples) {
        Map<String, List<QueueSample>> out = new LinkedHashMap<>();
        for (QueueSample s : samples) {
            out.computeIfAbsent(s.link(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The link directions drawn: ever queued, highest mean occupancy first, at most {@value #TOP_N}. */
    public static List<String> shown(RunData run) {
        Map<String, List<QueueSample>> g = group(run.queues());
        List<String> queued = new ArrayList<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        for (Map.Entry<String, List<QueueSample>> e : g.entrySet()) {
            // queued = held a packet waiting behind the one being sent (an ACK direction's
            // occasional single packet in service is not a queue)
            if (e.getValue().stream().anyMatch(q -> q.qlenPkts() > 1)) {
                queued.add(e.getKey());
                mean.put(e.getKey(), e.getValue().stream().mapToLong(QueueSample::qlenPkts).average().orElse(0));
            }
        }
        List<String> sorted = new ArrayList<>(queued);
        sorted.sort(Comparator.comparingDouble((String k) -> -mean.get(k)));
        List<String> top = sorted.subList(0, Math.min(TOP_N, sorted.size()));
        return queued.stream().filter(top::contains).toList(); // file order, so colours are stable
    }

    /** Queue length in packets, one series per shown link direction. */
    public static XYSeriesCollection occupancy(RunData run) {
        return series(run, false);
    }

    /** Cumulative drops, one series per shown link direction. */
    public static XYSeriesCollection drops(RunData run) {
        return series(run, true);
    }

    private static XYSeriesCollection series(RunData run, boolean drops) {
        Map<String, List<QueueSample>> g = group(run.queues());
        XYSeriesCollection data = new XYSeriesCollection();
        for (String link : shown(run)) {
            XYSeries s = new XYSeries(link, false, true);
            for (QueueSample q : g.get(link)) {
                s.add(q.timeS(), drops ? q.drops() : q.qlenPkts());
            }
            data.addSeries(s);
        }
        return data;
    }

    /** The buffer limit of each shown link that has one in packets: a flat series over the run. */
    public static XYSeriesCollection limits(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String link : shown(run)) {
            XYSeries s = new XYSeries(link + " limit", false, true);
            for (Summary.Link l : run.summary().links()) {
                if (l.id().equals(link) && l.bufferPkts() != Summary.Link.NO_LIMIT) {
                    s.add(0.0, l.bufferPkts());
                    s.add(run.summary().durationS(), l.bufferPkts());
                }
            }
            data.addSeries(s); // possibly empty: keeps series i = link i
        }
        return data;
    }

    /** The chart; null when no link ever queued. */
    public static JFreeChart chart(RunData run) {
        if (shown(run).isEmpty()) {
            return null;
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        plot.setGap(16);
        XYPlot top = sub(Decimator.collection(occupancy(run), Decimator.MAX_POINTS),
                "queue (packets; dashed: limit)");
        top.setDataset(1, limits(run));
        XYPlot bottom = sub(Decimator.collection(drops(run), Decimator.MAX_POINTS), "drops (cumulative)");
        plot.add(top, 3);
        plot.add(bottom, 2);
        JFreeChart chart = new JFreeChart(Timeline.title(run.summary(), "queue occupancy and drops"),
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.apply(chart); // the theme resets renderers: style the series afterwards
        style(top, true);
        style(bottom, false);
        XYLineAndShapeRenderer limit = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < top.getDataset(1).getSeriesCount(); i++) {
            limit.setSeriesPaint(i, ChartStyle.color(i));
            limit.setSeriesStroke(i, ChartStyle.dashed());
            limit.setSeriesVisibleInLegend(i, false);
        }
        top.setRenderer(1, limit);
        Timeline.apply(top, run, true);
        Timeline.apply(bottom, run, false);
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
