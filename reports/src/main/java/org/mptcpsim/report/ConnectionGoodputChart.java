package org.mptcpsim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Goodput per connection over time (Mbit/s) from connections.csv: the value at sample {@code i}
 * is {@code (bytes_delivered[i] - bytes_delivered[i-1]) * 8 / (t[i] - t[i-1]) / 1e6}.
 */
public final class ConnectionGoodputChart {
    private ConnectionGoodputChart() {
    }

    /** Samples grouped per connection in order of first appearance. */
    static Map<String, List<ConnectionSample>> group(List<ConnectionSample> samples) {
        Map<String, List<ConnectionSample>> out = new LinkedHashMap<>();
        for (ConnectionSample s : samples) {
            out.computeIfAbsent(s.connection(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The legend label of a connection, e.g. {@code "m1 (mptcp, lia)"}. */
    static String label(Summary summary, String id) {
        Summary.Connection c = summary.connection(id);
        if (c == null || c.type().isEmpty()) {
            return id;
        }
        return c.cc().isEmpty() ? id + " (" + c.type() + ")" : id + " (" + c.type() + ", " + c.cc() + ")";
    }

    /** The plotted data: one series per connection. */
    public static XYSeriesCollection dataset(RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<ConnectionSample>> e : group(run.connections()).entrySet()) {
            XYSeries s = new XYSeries(label(run.summary(), e.getKey()), false, true);
            List<ConnectionSample> cs = e.getValue();
            for (int i = 1; i < cs.size(); i++) {
                ConnectionSample a = cs.get(i - 1);
                ConnectionSample b = cs.get(i);
                s.add(b.timeS(), XyCharts.mbps(a.bytesDelivered(), b.bytesDelivered(), b.timeS() - a.timeS()));
            }
            data.addSeries(s);
        }
        return data;
    }

    /** The chart. */
    public static JFreeChart chart(RunData run) {
        return XyCharts.timeLines(run, "goodput per connection", "goodput (Mbit/s)", dataset(run));
    }
}
