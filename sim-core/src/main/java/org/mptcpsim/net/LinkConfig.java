package org.mptcpsim.net;

import java.util.SplittableRandom;

/**
 * The parameters of one link direction, as {@link Link} takes them.
 *
 * @param rateBps    bottleneck rate, bit/s
 * @param delayPs    one-way propagation delay, ps
 * @param limitBytes queue limit in bytes ({@code Long.MAX_VALUE}: none)
 * @param limitPkts  queue limit in packets
 * @param loss       random loss probability per packet
 */
public record LinkConfig(long rateBps, long delayPs, long limitBytes, int limitPkts, double loss) {
    /** A lossless link with a packet-limited drop-tail queue. */
    public static LinkConfig of(long rateBps, long delayPs, int limitPkts) {
        return new LinkConfig(rateBps, delayPs, Long.MAX_VALUE, limitPkts, 0);
    }

    public LinkConfig withLoss(double p) {
        return new LinkConfig(rateBps, delayPs, limitBytes, limitPkts, p);
    }

    public LinkConfig withLimitBytes(long bytes) {
        return new LinkConfig(rateBps, delayPs, bytes, limitPkts, loss);
    }

    /** The link, with its own random stream {@code random} (for loss). */
    public Link build(SimContext sim, int index, String id, SplittableRandom random) {
        return new Link(index, id, sim.loop(), sim.pool(), sim.trace(), random, rateBps, delayPs, limitBytes,
                limitPkts, loss);
    }
}
