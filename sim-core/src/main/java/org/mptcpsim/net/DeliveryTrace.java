package org.mptcpsim.net;

import java.util.Arrays;

import org.mptcpsim.core.Time;

/**
 * A packet-delivery schedule in the Mahimahi format (mm-link(1)): a non-decreasing list of
 * delivery opportunities in whole milliseconds from the start of the run, each able to carry
 * {@value #BYTES_PER_OPPORTUNITY} bytes. The schedule repeats with a period equal to its last
 * timestamp (Mahimahi's {@code LinkQueue::use_a_delivery_opportunity} adds {@code schedule.back()}
 * to its base time at each wrap), so opportunity {@code n} of a trace of {@code L} lines is at
 * {@code (n / L) * period + ms[n % L]} ms. Immutable; shared by every link direction that uses the
 * same file. The per-link cursor lives in {@link LinkModel}.
 */
public final class DeliveryTrace {
    /**
     * Bytes one opportunity can carry: 1500 as mm-link(1) documents ("each delivery opportunity
     * represents the ability to deliver 1500 bytes"). Mahimahi's code budgets 1504, the largest TUN
     * payload (a 1500-byte IP packet and the 4-byte TUN header); packets here have no TUN header,
     * so 1500 is the same budget for a full-sized packet.
     */
    public static final int BYTES_PER_OPPORTUNITY = 1500;

    private final int[] ms;
    private final long periodMs;

    /**
     * @param ms opportunity times in ms, non-decreasing, at least one, the last above 0 (checked
     *           here too; the scenario loader reports violations with the file and line first)
     */
    public DeliveryTrace(int[] ms) {
        if (ms.length == 0) {
            throw new IllegalArgumentException("a delivery trace needs at least one opportunity");
        }
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] < 0 || (i > 0 && ms[i] < ms[i - 1])) {
                throw new IllegalArgumentException("delivery trace timestamps must be non-negative and non-decreasing");
            }
        }
        if (ms[ms.length - 1] == 0) {
            throw new IllegalArgumentException("a delivery trace must last for a nonzero amount of time");
        }
        this.ms = ms.clone();
        this.periodMs = ms[ms.length - 1];
    }

    /** Number of opportunities in one period (lines of the file). */
    public int opportunities() {
        return ms.length;
    }

    /** The period after which the schedule repeats: its last timestamp, in ms. */
    public long periodMs() {
        return periodMs;
    }

    /** Mean capacity over one period in bit/s (at least 1): opportunities x 1500 B x 8 / period. */
    public long meanRateBps() {
        return Math.max(1, Math.round(ms.length * (double) BYTES_PER_OPPORTUNITY * 8 * 1000 / periodMs));
    }

    /** Time of opportunity {@code n} (0-based, counting across repetitions), in picoseconds. */
    public long timePs(long n) {
        long cycle = n / ms.length;
        return (cycle * periodMs + ms[(int) (n - cycle * ms.length)]) * Time.PS_PER_MS;
    }

    /**
     * The first opportunity strictly after {@code tPs}. Mahimahi burns the opportunities due at or
     * before the current millisecond before it enqueues an arriving packet
     * ({@code LinkQueue::read_packet} calls {@code rationalize(now)} first), so a packet uses only
     * opportunities later than its arrival; with integer-ms opportunities, "later than t" and "later
     * than Mahimahi's floor(t) ms clock" are the same set. O(log L), no allocation.
     */
    public long firstAfter(long tPs) {
        long m = Math.floorDiv(tPs, Time.PS_PER_MS);
        if (m < 0) {
            return 0;
        }
        long cycle = m / periodMs;
        int r = (int) (m - cycle * periodMs);
        // first index whose timestamp is above r (an upper bound; r < period = ms[L-1], so one exists)
        int lo = 0;
        int hi = ms.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ms[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return cycle * ms.length + lo;
    }

    /** A copy of the timestamps (tests, printing). */
    public int[] timestampsMs() {
        return ms.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryTrace t && Arrays.equals(ms, t.ms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ms);
    }
}
