package org.mptcpsim.study;

import java.util.ArrayList;
import java.util.List;
import org.mptcpsim.report.ConnectionSample;
import org.mptcpsim.report.RunData;
import org.mptcpsim.report.Summary;

/** Computes {@link Metric}s of one run from its {@link RunData}; NaN where undefined. */
public final class Metrics {
    private Metrics() {
    }

    /** {@code metric} of {@code run}; {@code window} is needed only for EVENT_GOODPUT (else NaN). */
    public static double value(RunData run, Metric metric, EventWindow window) {
        List<Summary.Connection> conns = focus(run.summary());
        switch (metric) {
            case GOODPUT: {
                double sum = 0;
                for (Summary.Connection c : conns) {
                    sum += c.goodputMbps();
                }
                return conns.isEmpty() ? Double.NaN : sum;
            }
            case JAIN:
                return run.summary().jain();
            case SRTT_P99: {
                double max = Double.NaN;
                for (Summary.Connection c : conns) {
                    for (Summary.Subflow sf : c.subflows()) {
                        if (!Double.isNaN(sf.srttP99Ms()) && !(sf.srttP99Ms() <= max)) {
                            max = sf.srttP99Ms();
                        }
                    }
                }
                return max;
            }
            case RETRANSMITS: {
                long sum = 0;
                for (Summary.Connection c : conns) {
                    for (Summary.Subflow sf : c.subflows()) {
                        sum += sf.retransmits();
                    }
                }
                return conns.isEmpty() ? Double.NaN : sum;
            }
            case EVENT_GOODPUT:
                return window == null ? Double.NaN : windowGoodput(run, conns, window);
            case FCT_P50:
                return run.summary().transfers().fctP50Ms();
            case FCT_P99:
                return run.summary().transfers().fctP99Ms();
            case SLOWDOWN_P99:
                return run.summary().transfers().slowdownP99();
            case STALLS:
                return run.summary().transfers().hasStreams() ? run.summary().transfers().stalls() : Double.NaN;
            case STALL_TIME:
                return run.summary().transfers().stallTimeS();
            default:
                throw new AssertionError(metric);
        }
    }

    /** All {@code metrics} of {@code run}, in the given order. */
    public static double[] values(RunData run, List<Metric> metrics, EventWindow window) {
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(run, metrics.get(i), window);
        }
        return out;
    }

    /** The MPTCP connections, or all connections when the run has no MPTCP connection. */
    static List<Summary.Connection> focus(Summary s) {
        List<Summary.Connection> mptcp = new ArrayList<>();
        for (Summary.Connection c : s.connections()) {
            if (c.isMptcp()) {
                mptcp.add(c);
            }
        }
        return mptcp.isEmpty() ? s.connections() : mptcp;
    }

    /**
     * Sum over {@code conns} of {@code (B2 - B1) * 8 / (T2 - T1) / 1e6}, where (T2, B2) is the
     * connection's last connections.csv sample at or before t2 and (T1, B1) its last sample at or
     * before t1, or (t1, 0) if it has none yet. A connection with no sample by t2 adds 0.
     */
    static double windowGoodput(RunData run, List<Summary.Connection> conns, EventWindow w) {
        double sum = 0;
        for (Summary.Connection c : conns) {
            ConnectionSample before = null;
            ConnectionSample end = null;
            for (ConnectionSample s : run.connections()) {
                if (!s.connection().equals(c.id())) {
                    continue;
                }
                if (s.timeS() <= w.t1S()) {
                    before = s;
                }
                if (s.timeS() <= w.t2S()) {
                    end = s;
                }
            }
            if (end == null) {
                continue;
            }
            double t1 = before == null ? w.t1S() : before.timeS();
            long b1 = before == null ? 0 : before.bytesDelivered();
            if (end.timeS() > t1) {
                sum += (end.bytesDelivered() - b1) * 8.0 / (end.timeS() - t1) / 1e6;
            }
        }
        return sum;
    }
}
