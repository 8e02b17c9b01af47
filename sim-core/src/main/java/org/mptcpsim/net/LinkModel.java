package org.mptcpsim.net;

import java.util.SplittableRandom;

/**
 * What makes a link direction behave like a wireless one, each part optional: a Mahimahi
 * delivery {@link DeliveryTrace} in place of the fixed-rate serialiser, {@link GilbertElliott}
 * bursty loss in place of Bernoulli loss, and {@link DelayJitter} on the propagation delay with
 * FIFO order kept (a packet never arrives before the one accepted ahead of it) unless
 * {@code reorder}. A {@link Link} without a model takes its fixed-rate path untouched; one with a
 * model takes {@link Link}'s modelled path, still one event per packet and no allocation per
 * packet. Holds per-direction state (the trace cursor, the loss chain), so each direction gets its
 * own instance.
 */
public final class LinkModel {
    final DeliveryTrace trace;
    final GilbertElliott gilbert;
    final DelayJitter jitter;
    final SplittableRandom jitterRandom;
    final boolean reorder;

    // trace cursor: the opportunity the last accepted packet finished in, its time and unused bytes
    private long cur;
    private long curPs = Long.MIN_VALUE;
    private int left;

    /**
     * @param trace        delivery schedule, or null for the link's fixed rate
     * @param gilbert      bursty loss (drawn from the link's own stream), or null for its Bernoulli loss
     * @param jitter       extra delay per packet, or null
     * @param jitterRandom the stream jitter is drawn from (required with {@code jitter})
     * @param reorder      let jittered packets overtake each other
     */
    public LinkModel(DeliveryTrace trace, GilbertElliott gilbert, DelayJitter jitter, SplittableRandom jitterRandom,
                     boolean reorder) {
        if (jitter != null && jitterRandom == null) {
            throw new IllegalArgumentException("jitter needs a random stream");
        }
        this.trace = trace;
        this.gilbert = gilbert;
        this.jitter = jitter;
        this.jitterRandom = jitterRandom;
        this.reorder = reorder;
    }

    public DeliveryTrace trace() {
        return trace;
    }

    public GilbertElliott gilbert() {
        return gilbert;
    }

    public DelayJitter jitter() {
        return jitter;
    }

    public boolean reorder() {
        return reorder;
    }

    /**
     * The time a packet of {@code size} bytes, ready at {@code readyPs} behind every packet
     * accepted before it, has left the trace-driven serialiser: Mahimahi's byte accounting
     * ({@code LinkQueue::rationalize}). Each opportunity carries 1500 bytes shared in FIFO order;
     * a packet continues in the opportunity the previous one finished in if that is still ahead of
     * {@code readyPs} and has bytes left, else starts at the first opportunity after
     * {@code readyPs}; a packet larger than what is left spans the following opportunities and
     * departs at the one that carries its last byte. Unused bytes of an opportunity with nothing
     * queued are lost.
     */
    long traceFinish(long readyPs, int size) {
        if (curPs <= readyPs) {
            openOpportunity(trace.firstAfter(readyPs));
        } else if (left == 0) {
            openOpportunity(cur + 1);
        }
        int rem = size;
        while (rem > left) {
            rem -= left;
            openOpportunity(cur + 1);
        }
        left -= rem;
        return curPs;
    }

    /** Moves the cursor to opportunity {@code k}, with all its bytes unused. */
    private void openOpportunity(long k) {
        cur = k;
        curPs = trace.timePs(k);
        left = DeliveryTrace.BYTES_PER_OPPORTUNITY;
    }

    /** Forgets the cursor (the link went down; what it held is gone). */
    void resetCursor() {
        curPs = Long.MIN_VALUE;
        left = 0;
    }
}
