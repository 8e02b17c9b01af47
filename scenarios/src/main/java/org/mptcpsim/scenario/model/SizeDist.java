package org.mptcpsim.scenario.model;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * A transfer-size distribution of an application workload, sampled by inversion: {@link #sample}
 * maps a uniform draw of the run's seeded random stream to bytes, so a seed gives the same sizes
 * on every machine (Apache Commons Math's inverse CDFs; its own generators are never used).
 * Samples are rounded to whole bytes, at least 1, at most {@link #maxBytes()}.
 */
public final class SizeDist {
    public enum Kind { FIXED, EXPONENTIAL, LOGNORMAL, PARETO, CDF }

    private final Kind kind;
    private final RealDistribution dist;
    private final long fixed;
    private final long maxBytes;
    private final double[] cdfSizes;
    private final double[] cdfProbs;
    private final String describe;
    /** The distribution in the scenario format (for mptcp-sim check's expanded scenario). */
    private String yaml;

    private SizeDist(Kind kind, RealDistribution dist, long fixed, long maxBytes, double[] sizes, double[] probs,
                     String describe) {
        this.kind = kind;
        this.dist = dist;
        this.fixed = fixed;
        this.maxBytes = maxBytes;
        this.cdfSizes = sizes;
        this.cdfProbs = probs;
        this.describe = describe;
    }

    public static SizeDist fixed(long bytes) {
        return new SizeDist(Kind.FIXED, null, bytes, bytes, null, null, "fixed " + bytes + " B").yaml(bytes + "B");
    }

    public static SizeDist exponential(double meanBytes, long max) {
        return new SizeDist(Kind.EXPONENTIAL, new ExponentialDistribution(null, meanBytes), 0, max, null, null,
                "exponential, mean " + (long) meanBytes + " B")
                .yaml("{exponential: {mean: " + (long) meanBytes + "B, max: " + max + "B}}");
    }

    private SizeDist yaml(String y) {
        this.yaml = y;
        return this;
    }

    /** The distribution written in the scenario format. */
    public String yaml() {
        return yaml;
    }

    /** Log-normal with median {@code e^mu} bytes and shape {@code sigma}. */
    public static SizeDist lognormal(double medianBytes, double sigma, long max) {
        return new SizeDist(Kind.LOGNORMAL, new LogNormalDistribution(null, Math.log(medianBytes), sigma), 0, max,
                null, null, "lognormal, median " + (long) medianBytes + " B, sigma " + sigma)
                .yaml("{lognormal: {median: " + (long) medianBytes + "B, sigma: " + sigma + ", max: " + max + "B}}");
    }

    /** Pareto with scale (minimum) {@code scaleBytes} and shape {@code alpha}. */
    public static SizeDist pareto(double scaleBytes, double shape, long max) {
        return new SizeDist(Kind.PARETO, new ParetoDistribution(null, scaleBytes, shape), 0, max, null, null,
                "pareto, scale " + (long) scaleBytes + " B, shape " + shape)
                .yaml("{pareto: {scale: " + (long) scaleBytes + "B, shape: " + shape + ", max: " + max + "B}}");
    }

    /**
     * An empirical CDF: {@code sizes} non-decreasing, {@code probs} non-decreasing in [0, 1] and
     * ending at 1 (checked by the binder). Between points the size is interpolated linearly, as
     * the datacenter simulators that publish these files do; a first probability above 0 is a
     * point mass at the first size.
     */
    public static SizeDist cdf(double[] sizes, double[] probs, String file) {
        return new SizeDist(Kind.CDF, null, 0, (long) Math.ceil(sizes[sizes.length - 1]), sizes.clone(),
                probs.clone(), "cdf " + file).yaml("{cdf: \"" + file.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
    }

    public Kind kind() {
        return kind;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes for the uniform draw {@code u} in [0, 1). */
    public long sample(double u) {
        double x;
        switch (kind) {
            case FIXED:
                return fixed;
            case CDF:
                x = inverseCdf(u);
                break;
            default:
                x = dist.inverseCumulativeProbability(u);
                break;
        }
        long b = Math.round(x);
        return Math.max(1, Math.min(b, maxBytes));
    }

    private double inverseCdf(double u) {
        if (u <= cdfProbs[0]) {
            return cdfSizes[0];
        }
        for (int i = 1; i < cdfProbs.length; i++) {
            if (u <= cdfProbs[i]) {
                double p0 = cdfProbs[i - 1];
                double p1 = cdfProbs[i];
                if (p1 == p0) {
                    return cdfSizes[i];
                }
                return cdfSizes[i - 1] + (cdfSizes[i] - cdfSizes[i - 1]) * (u - p0) / (p1 - p0);
            }
        }
        return cdfSizes[cdfSizes.length - 1];
    }

    @Override
    public String toString() {
        return describe;
    }
}
