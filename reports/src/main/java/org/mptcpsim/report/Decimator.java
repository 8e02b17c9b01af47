package org.mptcpsim.report;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Thins long time series for drawing (a 1280-pixel chart cannot show more than ~2 points per
 * pixel column): min/max bucketing keeps, per bucket of consecutive points, the lowest and the
 * highest point in time order, so peaks and troughs (cwnd sawtooth, queue spikes) survive. Gaps
 * (NaN y) are kept as one gap per bucket. Deterministic; series at or below the limit are left
 * untouched. Datasets exposed by the chart classes are never thinned, only what is drawn.
 */
public final class Decimator {
    /** Most points a drawn series keeps. */
    public static final int MAX_POINTS = 2000;

    private Decimator() {
    }

    /** Every series of {@code data} thinned to at most {@code maxPoints} points. */
    public static XYSeriesCollection collection(XYSeriesCollection data, int maxPoints) {
        XYSeriesCollection out = new XYSeriesCollection();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            out.addSeries(series(data.getSeries(i), maxPoints));
        }
        return out;
    }

    /** {@code in} thinned to at most {@code maxPoints} (>= 4) points, or {@code in} itself. */
    public static XYSeries series(XYSeries in, int maxPoints) {
        int n = in.getItemCount();
        if (n <= maxPoints) {
            return in;
        }
        int perBucket = (n + maxPoints / 2 - 1) / (maxPoints / 2);
        XYSeries out = new XYSeries(in.getKey(), false, true);
        for (int start = 0; start < n; start += perBucket) {
            int end = Math.min(n, start + perBucket);
            int lo = -1;
            int hi = -1;
            int gap = -1;
            for (int i = start; i < end; i++) {
                double y = in.getY(i) == null ? Double.NaN : in.getY(i).doubleValue();
                if (Double.isNaN(y)) {
                    gap = gap < 0 ? i : gap;
                    continue;
                }
                if (lo < 0 || y < in.getY(lo).doubleValue()) {
                    lo = i;
                }
                if (hi < 0 || y > in.getY(hi).doubleValue()) {
                    hi = i;
                }
            }
            emit(in, out, lo, hi, gap);
        }
        return out;
    }

    private static void emit(XYSeries in, XYSeries out, int lo, int hi, int gap) {
        int[] idx = {lo, hi, gap};
        java.util.Arrays.sort(idx);
        int last = -1;
        for (int i : idx) {
            if (i >= 0 && i != last) {
                out.add(in.getX(i), i == gap ? null : in.getY(i), false);
                last = i;
            }
        }
    }
}
