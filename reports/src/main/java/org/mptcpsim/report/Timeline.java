package org.mptcpsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * What every time-series chart shares: the time axis from 0 to the run's duration, and the run's
 * events (events.csv) as labelled vertical markers — link down/up/rate changes (red, solid),
 * subflows opening (green) and closing (grey), RTOs (orange, dotted). A link event written once
 * per direction is drawn once. Labels are staggered over {@value #LABEL_ROWS} rows so that events
 * close in time stay readable; beyond {@value #MAX_RTO_LABELS} RTOs they are drawn unlabelled.
 */
public final class Timeline {
    /** Rows over which marker labels are staggered. */
    static final int LABEL_ROWS = 4;
    /** Most RTOs that get a label. */
    static final int MAX_RTO_LABELS = 8;

    private static final Color LINK = new Color(0xB00020);
    private static final Color OPEN = new Color(0x2E7D32);
    private static final Color CLOSE = new Color(0x616161);
    private static final Color RTO = new Color(0xE65100);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 220);

    private Timeline() {
    }

    /** One marker: where, its label (may be empty), its kind. */
    public record Mark(double timeS, String label, Kind kind) {
    }

    /** The kinds of marker, each with its colour and stroke. */
    public enum Kind { LINK, OPEN, CLOSE, RTO }

    /** The markers of {@code run}, in time order, link events once per link and time. */
    public static List<Mark> marks(RunData run) {
        List<Mark> out = new ArrayList<>();
        Set<String> seenLink = new LinkedHashSet<>();
        long rtos = run.events().stream().filter(e -> e.event().equals("rto")).count();
        for (RunEvent e : run.events()) {
            String sf = e.connection() + " sf" + e.subflow();
            switch (e.event()) {
                case "link_down", "link_up", "link_rate" -> {
                    String what = e.event().substring("link_".length());
                    if (seenLink.add(e.timeS() + " " + e.link() + " " + what)) {
                        out.add(new Mark(e.timeS(), e.link() + " " + what, Kind.LINK));
                    }
                }
                case "established" -> out.add(new Mark(e.timeS(), sf + " open", Kind.OPEN));
                case "closed" -> out.add(new Mark(e.timeS(), sf + " closed", Kind.CLOSE));
                case "rto" -> out.add(new Mark(e.timeS(), rtos <= MAX_RTO_LABELS ? "RTO " + sf : "", Kind.RTO));
                default -> {
                    // recovery episodes are too many to mark; the cwnd chart shows them
                }
            }
        }
        return out;
    }

    /** Sets the time axis to [0, duration] and adds the markers, labelled when {@code labels}. */
    public static void apply(XYPlot plot, RunData run, boolean labels) {
        double d = run.summary().durationS();
        if (d > 0) {
            ValueAxis x = plot.getDomainAxis();
            x.setAutoRange(false);
            x.setRange(0, d);
        }
        int row = 0;
        for (Mark m : marks(run)) {
            ValueMarker v = new ValueMarker(m.timeS());
            v.setPaint(color(m.kind()));
            v.setStroke(stroke(m.kind()));
            if (labels && !m.label().isEmpty()) {
                v.setLabel(m.label());
                v.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
                v.setLabelPaint(color(m.kind()));
                v.setLabelBackgroundColor(LABEL_BACKGROUND);
                v.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                v.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                v.setLabelOffset(new RectangleInsets(4 + 18 * (row++ % LABEL_ROWS), 5, 0, 0));
            }
            plot.addDomainMarker(v, Layer.FOREGROUND);
        }
    }

    private static Color color(Kind k) {
        return switch (k) {
            case LINK -> LINK;
            case OPEN -> OPEN;
            case CLOSE -> CLOSE;
            case RTO -> RTO;
        };
    }

    private static BasicStroke stroke(Kind k) {
        return switch (k) {
            case LINK -> new BasicStroke(2.0f);
            case OPEN, CLOSE -> new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f);
            case RTO -> new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f);
        };
    }

    /**
     * The chart title: {@code what} after the scenario and its algorithms, e.g.
     * {@code "two-paths · lia / fullmesh / default: congestion window"}; connections with
     * different algorithms are listed each with its own ({@code "m1 lia/fullmesh/default, t1 reno"}).
     */
    public static String title(Summary s, String what) {
        return s.scenario() + " · " + algorithms(s) + ": " + what;
    }

    /** {@code cc/pm/scheduler} of an MPTCP connection, {@code cc} of a TCP one. */
    public static String algorithms(Summary.Connection c) {
        return c.isMptcp() && !c.pm().isEmpty() ? c.cc() + "/" + c.pm() + "/" + c.scheduler() : c.cc();
    }

    /** CC / PM / scheduler of the run's connections, once when they all agree. */
    public static String algorithms(Summary s) {
        Set<String> distinct = new LinkedHashSet<>();
        List<String> each = new ArrayList<>();
        for (Summary.Connection c : s.connections()) {
            String a = algorithms(c);
            distinct.add(a);
            each.add(c.id() + " " + a);
        }
        if (distinct.size() == 1) {
            return distinct.iterator().next();
        }
        return String.join(", ", each);
    }
}
