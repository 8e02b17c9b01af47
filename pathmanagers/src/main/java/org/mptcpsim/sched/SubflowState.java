package org.mptcpsim.sched;

import java.util.Arrays;

/**
 * Per-subflow scheduler state kept in primitive arrays indexed by {@code TcpSock#id} (the
 * kernel's 16-byte {@code mptcp_sched} area of each subflow). Grows on demand; never shrinks.
 */
final class SubflowState {
    private long[] values;
    private final long initial;

    SubflowState(long initial) {
        this.initial = initial;
        this.values = new long[8];
        Arrays.fill(values, initial);
    }

    long get(int id) {
        return id < values.length ? values[id] : initial;
    }

    void set(int id, long v) {
        if (id >= values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, Math.max(id + 1, old * 2));
            Arrays.fill(values, old, values.length, initial);
        }
        values[id] = v;
    }

    /** Resets a subflow's slot (the kernel zeroes the area when a subflow joins). */
    void reset(int id) {
        set(id, initial);
    }
}
