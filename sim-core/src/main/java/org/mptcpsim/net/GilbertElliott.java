package org.mptcpsim.net;

import java.util.SplittableRandom;

/**
 * Gilbert–Elliott bursty loss: a two-state Markov chain per link direction, stepped once per
 * packet offered. In the good state a packet is lost with probability {@code 1 - k}, in the bad
 * state with {@code 1 - h}; {@code p} = P(good -&gt; bad), {@code r} = P(bad -&gt; good). The order
 * of the draws and the state used are those of Linux netem ({@code net/sched/sch_netem.c},
 * {@code loss_gilb_ell()}): first the transition is drawn, then the loss with the probability of
 * the state the packet met. Special cases as in tc-netem(8): Simple Gilbert (h = 0, k = 1: every
 * packet in the bad state lost, none in the good), Gilbert (k = 1), Bernoulli (r = 1 - p, h = 0,
 * k = 1). Stationary P(bad) = p / (p + r); a bad sojourn lasts a geometric number of packets with
 * mean 1 / r. Draws whose outcome is certain (probability 0 or 1) are skipped. Mutable state, one
 * instance per link direction; single-threaded.
 */
public final class GilbertElliott {
    private final double p;
    private final double r;
    private final double h;
    private final double k;
    private boolean bad;

    public GilbertElliott(double p, double r, double h, double k) {
        check(p, "p");
        check(r, "r");
        check(h, "h");
        check(k, "k");
        this.p = p;
        this.r = r;
        this.h = h;
        this.k = k;
    }

    private static void check(double v, String name) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("Gilbert-Elliott " + name + " must be in [0, 1]: " + v);
        }
    }

    /** Steps the chain for one packet; {@code true} when the packet is lost. */
    public boolean drop(SplittableRandom random) {
        if (bad) {
            if (draw(random, r)) {
                bad = false;
            }
            return draw(random, 1 - h);
        }
        if (draw(random, p)) {
            bad = true;
        }
        return draw(random, 1 - k);
    }

    private static boolean draw(SplittableRandom random, double prob) {
        return prob >= 1 || (prob > 0 && random.nextDouble() < prob);
    }

    /** Whether the chain is in the bad state (for the next packet's loss decision). */
    public boolean isBad() {
        return bad;
    }

    public double p() {
        return p;
    }

    public double r() {
        return r;
    }

    public double h() {
        return h;
    }

    public double k() {
        return k;
    }
}
