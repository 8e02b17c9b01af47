package org.mptcpsim.net;

import org.mptcpsim.core.Time;

/**
 * The token bucket of Linux {@code tbf} ({@code net/sched/sch_tbf.c}, {@code tbf_dequeue}) in
 * front of a device that is not itself rate limited (a veth): the head packet leaves the qdisc
 * the moment the bucket holds its length in tokens, and takes no serialisation time after that.
 * Tokens are kept as time, as the kernel does ({@code q->tokens} in ns, at most {@code q->buffer}
 * = the burst at the rate): {@code emptyAt} is the time at which the bucket would have been
 * empty, so the tokens at time t are {@code min(burst, t - emptyAt)}.
 *
 * <p>A FIFO's departures follow in O(1) per packet, known when the packet is accepted:
 * departure = max(ready, previous departure, emptyAt + len/rate), then
 * emptyAt = max(departure - burst, emptyAt) + len/rate. A bucket that is full (idle link) lets
 * up to {@code burst} bytes leave back to back; a backlogged one releases one packet per
 * serialisation time, like a plain serialiser at the same rate. Single-threaded, no allocation.
 */
final class TokenBucket {
    /** The lab's tbf burst: {@code tc ... tbf rate R burst max(3028, R x 1 ms)} (2 full frames). */
    static final long MIN_BURST_BYTES = 3028;

    private static final long FULL = Long.MIN_VALUE / 4;

    private long rateBps;
    private long burstPs;
    /** Time at which the bucket was (or would have been) empty; far past = full. */
    private long emptyAt = FULL;

    TokenBucket(long rateBps) {
        setRate(rateBps, 0);
    }

    /**
     * The time the packet leaves the qdisc, for a packet ready at {@code readyPs} (not before the
     * previous departure: FIFO) that needs {@code serPs} of tokens ({@code L2T(len)}).
     */
    long departure(long readyPs, long serPs) {
        long d = Math.max(readyPs, emptyAt + serPs);
        emptyAt = Math.max(d - burstPs, emptyAt) + serPs;
        return d;
    }

    /**
     * A rate change at {@code nowPs}: the tokens held now are kept in bytes (a backlogged bucket
     * holds none), and the burst follows the new rate.
     */
    void setRate(long newRateBps, long nowPs) {
        boolean full = emptyAt == FULL || rateBps == 0;
        long tokensPs = full ? 0 : Math.min(burstPs, Math.max(0, nowPs - emptyAt));
        long oldRate = rateBps;
        rateBps = newRateBps;
        burstPs = burstPs(newRateBps);
        if (!full) {
            // the same bytes of tokens, as time at the new rate
            emptyAt = nowPs - Math.min(burstPs, (long) ((double) tokensPs * oldRate / newRateBps));
        }
    }

    /** The burst as time at the rate: max(3028 B at the rate, 1 ms). */
    static long burstPs(long rateBps) {
        return Math.max(Time.serialisation((int) MIN_BURST_BYTES, rateBps), Time.ms(1));
    }

    /** Marks the bucket empty at {@code nowPs} (a backlog re-timed at a new rate starts without tokens). */
    void drain(long nowPs) {
        emptyAt = nowPs;
    }
}
