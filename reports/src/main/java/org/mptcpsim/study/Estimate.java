package org.mptcpsim.study;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and 95% confidence interval half-width (Student t with n-1 degrees of freedom) of a
 * sample; NaN values are left out. {@code halfWidth} is NaN for n < 2, {@code mean} NaN for n = 0.
 */
public record Estimate(double mean, double halfWidth, int n) {

    /** Estimates from {@code values}. */
    public static Estimate of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new Estimate(mean, t * sd / Math.sqrt(n), n);
    }
}
