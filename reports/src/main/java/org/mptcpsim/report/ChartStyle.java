package org.mptcpsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.CategoryPlot;

/**
 * One look for every chart: fonts sized for slides at 1280x720, white background, light grid,
 * a fixed colour-blind-friendly palette (so series colours never depend on anything but order).
 */
public final class ChartStyle {
    /** Default output size in pixels (PNG) and user units (SVG). */
    public static final int WIDTH = 1280;
    /** Default output height. */
    public static final int HEIGHT = 720;

    private static final String FAMILY = Font.SANS_SERIF;
    private static final Color GRID = new Color(0xD0D0D0);
    /** Okabe-Ito plus a few extra distinct colours; series i uses {@code PALETTE[i % n]}. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
        new Color(0x8C564B), new Color(0x7F7F7F),
    };

    private ChartStyle() {
    }

    /** The colour of series {@code i}. */
    public static Paint color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A solid line for a main series. */
    public static BasicStroke solid() {
        return new BasicStroke(2.5f);
    }

    /** A dashed line for a secondary series (e.g. ssthresh next to cwnd). */
    public static BasicStroke dashed() {
        return new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f);
    }

    /** Applies fonts, background and grid to {@code chart}; returns it. */
    public static JFreeChart apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("mptcp-sim slides");
        theme.setExtraLargeFont(new Font(FAMILY, Font.BOLD, 24));
        theme.setLargeFont(new Font(FAMILY, Font.PLAIN, 22));
        theme.setRegularFont(new Font(FAMILY, Font.PLAIN, 18));
        theme.setSmallFont(new Font(FAMILY, Font.PLAIN, 16));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(Color.BLACK);
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        grid(chart.getPlot());
        return chart;
    }

    private static void grid(Plot plot) {
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (XYPlot sub : combined.getSubplots()) {
                grid(sub);
            }
        }
        if (plot instanceof XYPlot xy) {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinesVisible(true);
            xy.setRangeGridlinesVisible(true);
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinesVisible(true);
        }
    }
}
