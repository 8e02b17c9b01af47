package org.mptcpsim.lab;

import java.util.Arrays;

/** Small statistics over double arrays; percentiles interpolate linearly between order statistics. */
public final class Stats {
    private Stats() {
    }

    public static double mean(double[] v) {
        if (v.length == 0) return Double.NaN;
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** p in [0,1]; NaN for an empty array. */
    public static double percentile(double[] v, double p) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /** Sample standard deviation; 0 for fewer than two values. */
    public static double stddev(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /**
     * Half-width of the two-sided prediction interval for one new observation from the population of {@code v} (normal,
     * unknown variance): t(n−1, 1−alpha/2) · sd · √(1 + 1/n). Not the mean's own spread: a single new run varies by its own
     * sd plus the uncertainty of the mean of n. 0 for fewer than two values (no spread to predict from).
     */
    public static double predictionHalfWidth(double[] v, double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0,1): " + alpha);
        int n = v.length;
        if (n < 2) return 0;
        double t = new org.apache.commons.math3.distribution.TDistribution(n - 1).inverseCumulativeProbability(1 - alpha / 2);
        return t * stddev(v) * Math.sqrt(1 + 1.0 / n);
    }

    /** Jain's fairness index (Σx)² / (n Σx²); 1 for an empty or all-zero input. */
    public static double jain(double[] v) {
        double s = 0, q = 0;
        for (double x : v) {
            s += x;
            q += x * x;
        }
        return q == 0 ? 1.0 : s * s / (v.length * q);
    }
}
