package org.mptcpsim.pm;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.tcp.Subflow;

/**
 * When a subflow dies of retransmission timeouts: {@code tcp_write_timeout} /
 * {@code retransmits_timed_out} ({@code net/ipv4/tcp_timer.c}) with {@code net.ipv4.tcp_retries2}
 * (default 15) for established subflows and {@code net.ipv4.tcp_syn_retries} (default 6) for
 * MP_JOIN SYNs. The boundary is the time exponential backoff from {@code TCP_RTO_MIN} (200 ms;
 * {@code TCP_TIMEOUT_INIT} = 1 s for SYNs), capped at {@code TCP_RTO_MAX} (120 s), would take:
 * 924.6 s for 15 retries, 127 s for 6 SYN retries. The kernel then reports ETIMEDOUT
 * ({@code tcp_write_err}) and the subflow is closed.
 *
 * <p>Kept per connection by the path managers of this module, because the simulator's TCP
 * engine does not close subflows itself: each RTO reaches them through
 * {@code PathManager#onSubflowTimeout}. The start time is the first RTO of a backoff series
 * minus the RTO that expired (≈ the head segment's transmission, {@code retrans_stamp}).
 */
final class WriteTimeout {
    static final String RETRIES2 = "net.ipv4.tcp_retries2";
    static final String SYN_RETRIES = "net.ipv4.tcp_syn_retries";
    private static final long RTO_MIN_MS = 200;
    private static final long RTO_INIT_MS = 1000;
    private static final long RTO_MAX_MS = 120_000;

    private final int retries2;
    private final int synRetries;
    private long[] startPs = new long[8];

    WriteTimeout(KernelParams p) {
        this.retries2 = p.getInt(RETRIES2, 15);
        this.synRetries = p.getInt(SYN_RETRIES, 6);
    }

    /** {@code retransmits_timed_out} boundary in ms for {@code boundary} retries. */
    static long timeoutMs(int boundary, boolean syn) {
        long base = syn ? RTO_INIT_MS : RTO_MIN_MS;
        int thresh = 63 - Long.numberOfLeadingZeros(RTO_MAX_MS / base); // ilog2
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * base;
        }
        return ((2L << thresh) - 1) * base + (boundary - thresh) * RTO_MAX_MS;
    }

    /**
     * Called on every RTO of {@code s}; returns true (after closing it) when the subflow has now
     * timed out. {@code icskRetransmits} was already incremented for this RTO.
     */
    boolean onRto(PmContext ctx, Subflow s) {
        int id = s.sk.id;
        if (id >= startPs.length) {
            startPs = java.util.Arrays.copyOf(startPs, Math.max(id + 1, startPs.length * 2));
        }
        boolean syn = !s.sk.canSend() && s.establishedPs() < 0;
        if (s.sk.icskRetransmits <= 1) {
            // the RTO that just expired is half the backed-off one now armed
            startPs[id] = ctx.nowPs() - Time.us(s.sk.icskRtoUs / 2);
        }
        long limitMs = timeoutMs(syn ? synRetries : retries2, syn);
        if (ctx.nowPs() - startPs[id] >= Time.ms(limitMs)) {
            ctx.closeSubflow(s, "ETIMEDOUT");
            return true;
        }
        return false;
    }
}
