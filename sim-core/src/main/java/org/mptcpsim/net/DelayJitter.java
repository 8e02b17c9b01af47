package org.mptcpsim.net;

import java.util.SplittableRandom;

/**
 * A random extra propagation delay per packet (delay jitter), added to a link direction's fixed
 * delay. Every draw is at least 0 and at most {@code maxPs}. Distributions (all parameters in
 * picoseconds):
 * <ul>
 *   <li>{@link Dist#UNIFORM}: uniform in [{@code a}, {@code maxPs}) ({@code a} = min);</li>
 *   <li>{@link Dist#EXPONENTIAL}: mean {@code a};</li>
 *   <li>{@link Dist#NORMAL}: mean {@code a}, standard deviation {@code b}, negative draws set to 0
 *       (Box–Muller, one uniform pair per draw);</li>
 *   <li>{@link Dist#PARETO}: Pareto type II (Lomax, starting at 0) with mean {@code a} and shape
 *       {@code alpha} &gt; 1: {@code scale x (U^(-1/alpha) - 1)}, {@code scale = a x (alpha - 1)}.</li>
 * </ul>
 * Immutable; the caller passes the link's jitter stream. {@link StrictMath} keeps draws identical
 * on every JVM. No allocation.
 */
public final class DelayJitter {

    public enum Dist { UNIFORM, EXPONENTIAL, NORMAL, PARETO }

    /** Internal cap on a draw (about 11.6 days) so that a heavy tail cannot overflow a time. */
    public static final long HARD_CAP_PS = 1_000_000_000_000_000_000L;

    private final Dist dist;
    private final long a;
    private final long b;
    private final double alpha;
    private final long maxPs;

    /**
     * @param a     min (uniform) or mean (others), ps
     * @param b     standard deviation (normal), else ignored
     * @param alpha shape (pareto), else ignored
     * @param maxPs upper bound of a draw (uniform: the exclusive end), at most {@link #HARD_CAP_PS}
     */
    public DelayJitter(Dist dist, long a, long b, double alpha, long maxPs) {
        if (a < 0 || b < 0 || maxPs < 0) {
            throw new IllegalArgumentException("jitter parameters must be at least 0");
        }
        if (dist == Dist.UNIFORM && maxPs <= a) {
            throw new IllegalArgumentException("uniform jitter needs max above min");
        }
        if (dist == Dist.PARETO && !(alpha > 1)) {
            throw new IllegalArgumentException("pareto jitter needs a shape above 1 (a finite mean)");
        }
        this.dist = dist;
        this.a = a;
        this.b = b;
        this.alpha = alpha;
        this.maxPs = Math.min(maxPs, HARD_CAP_PS);
    }

    /** Uniform jitter in [0, {@code maxPs}). */
    public static DelayJitter uniform(long maxPs) {
        return new DelayJitter(Dist.UNIFORM, 0, 0, 0, maxPs);
    }

    /** One extra delay in ps, in [0, max]. */
    public long draw(SplittableRandom random) {
        double x;
        switch (dist) {
            case UNIFORM:
                return a + random.nextLong(maxPs - a);
            case EXPONENTIAL:
                x = -a * StrictMath.log(1.0 - random.nextDouble());
                break;
            case NORMAL: {
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                x = a + b * StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
                break;
            }
            case PARETO:
                x = a * (alpha - 1) * (StrictMath.pow(1.0 - random.nextDouble(), -1.0 / alpha) - 1.0);
                break;
            default:
                throw new IllegalStateException();
        }
        if (!(x > 0)) {
            return 0;
        }
        return x >= maxPs ? maxPs : (long) x;
    }

    public Dist dist() {
        return dist;
    }

    /** Min (uniform) or mean (others), ps. */
    public long a() {
        return a;
    }

    /** Standard deviation (normal), ps. */
    public long b() {
        return b;
    }

    public double alpha() {
        return alpha;
    }

    public long maxPs() {
        return maxPs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DelayJitter j && dist == j.dist && a == j.a && b == j.b
                && Double.compare(alpha, j.alpha) == 0 && maxPs == j.maxPs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dist, a, b, alpha, maxPs);
    }
}
