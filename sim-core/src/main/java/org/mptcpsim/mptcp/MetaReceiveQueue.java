package org.mptcpsim.mptcp;

import org.mptcpsim.tcp.AppListener;
import org.mptcpsim.tcp.RcvBuffer;

/**
 * The receiving meta socket's data-level reassembly ({@code mptcp_data_queue} /
 * {@code mptcp_ofo_queue}, {@code net/mptcp/mptcp_input.c}): segments arrive from any subflow by
 * data sequence number (in segments); in-order data goes to the application at once, the rest
 * waits in an out-of-order bitmap (a ring indexed by DSN, grown only when a hole outgrows it).
 * Copies of data already delivered (reinjections, the redundant scheduler) are dropped and, not
 * being copied to the application, do not grow the meta receive buffer ({@link #buf}). No
 * allocation per segment. Single-threaded.
 */
final class MetaReceiveQueue {
    private final int mss;
    private final long sizeBytes;
    /** The meta receive buffer: its window is every subflow's. */
    final RcvBuffer buf;

    /** {@code rcv_nxt} of the meta socket: the DATA_ACK. */
    long rcvNxt;
    private long[] bits = new long[16];
    private int mask = 1023;
    private long high;
    /** Segments held out of order (head-of-line blocked). */
    int ooo;
    /** In-order bytes delivered to the application (capped at a sized transfer's size). */
    long bytesDelivered;
    /** Hears of every in-order delivery (an application's playout or transfer accounting), or null. */
    AppListener app;

    /** @param sizeBytes the transfer's size, or -1 for bulk */
    MetaReceiveQueue(int mss, long sizeBytes, RcvBuffer buf) {
        this.mss = mss;
        this.sizeBytes = sizeBytes;
        this.buf = buf;
    }

    /** A segment with data sequence {@code dsn} became in-order at its subflow at {@code nowPs}. */
    void onData(long dsn, long nowPs) {
        if (dsn < rcvNxt) {
            return; // a copy (reinjection or redundant scheduler) of data already delivered
        }
        if (dsn == rcvNxt) {
            long before = rcvNxt;
            deliver();
            while (ooo > 0 && isSet(rcvNxt)) {
                clear(rcvNxt);
                ooo--;
                deliver();
            }
            buf.onCopied((int) ((rcvNxt - before) * mss), nowPs); // the application reads at once
            return;
        }
        ensureCapacity(dsn);
        if (!isSet(dsn)) {
            set(dsn);
            ooo++;
            if (dsn > high) {
                high = dsn;
            }
        }
    }

    private void deliver() {
        rcvNxt++;
        bytesDelivered += mss;
        if (app != null) {
            app.onDelivered(rcvNxt);
        }
        if (sizeBytes >= 0 && bytesDelivered > sizeBytes) {
            bytesDelivered = sizeBytes;
        }
    }

    private void ensureCapacity(long dsn) {
        long span = dsn - rcvNxt + 1;
        if (span > mask) {
            int n = mask + 1;
            while (n <= span) {
                n *= 2;
            }
            long[] b = new long[n >> 6];
            for (long d = rcvNxt; d <= high; d++) {
                if (isSet(d)) {
                    int k = (int) (d & (n - 1));
                    b[k >> 6] |= 1L << (k & 63);
                }
            }
            bits = b;
            mask = n - 1;
        }
    }

    private boolean isSet(long dsn) {
        int k = (int) (dsn & mask);
        return (bits[k >> 6] & (1L << (k & 63))) != 0;
    }

    private void set(long dsn) {
        int k = (int) (dsn & mask);
        bits[k >> 6] |= 1L << (k & 63);
    }

    private void clear(long dsn) {
        int k = (int) (dsn & mask);
        bits[k >> 6] &= ~(1L << (k & 63));
    }
}
