package org.mptcpsim.tcp;

import java.util.SplittableRandom;
import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;

/**
 * TCP Small Queues of one subflow ({@code tcp_small_queue_check}, tcp_output.c) on a host whose interface frees a
 * segment as soon as the host has handed it on, as the kernel lab's veth and routers do: a socket sends while
 * {@code 1 + truesize of its segments not yet freed <= max(2 x truesize, sk_pacing_rate >> sk_pacing_shift)} (capped by
 * {@code tcp_limit_output_bytes}), so one ACK's burst puts at most two segments (about 1 ms of the pacing rate at high
 * rates) on the wire at once. The segments are freed at the end of the instant that sent them; the throttled rest goes
 * when the TSQ handler runs, on a busy host later: the handler finds the socket owned by the application the same ACK
 * woke and defers to its {@code release_sock}. {@code sim.tsq_resume_us} = v draws that delay uniformly from [v/5, v].
 * Measured in the kernel lab (docs/phase-effects.md section 3): the kernel never sends three segments of a flow within
 * 100 µs, and ~5 % of a bulk sender's segments leave 1.4-4.8 ms (median 2.9 ms) after its previous one with no ACK
 * between, with TSO on or off; v = 4800 gives 0.96-4.8 ms. Retransmissions are charged but never held back (the kernel
 * allows them twice the limit). Modelled only where the scenario sets the knob, and not on upstream MPTCP's subflows
 * (the scenario runner's config leaves them out: finding F5).
 */
final class SmallQueues extends Event {
    /** {@code SKB_TRUESIZE} of a one-segment skb beyond its payload: the 320 B head (MAX_TCP_HEADER) + sk_buff 256 + shared info 320. */
    static final int TRUESIZE_OVERHEAD = 896;
    /** {@code sk_pacing_shift} default: the limit is about 1 ms of the pacing rate. */
    static final int PACING_SHIFT = 10;

    private final Runnable onResume;
    private final String label;
    private final EventLoop loop;
    private final long resumeMaxPs;
    private final long limitOutputBytes;
    private final SplittableRandom random;
    /** The instant of the latest send and how many segments it sent: those are not freed yet. */
    private long instantPs = Long.MIN_VALUE;
    private int unfreed;

    /** {@code onResume} runs when a throttled socket may queue again ({@code tcp_tsq_handler}); {@code label} names it. */
    SmallQueues(EventLoop loop, long resumeMaxUs, Flavour flavour, long seed, Runnable onResume, String label) {
        this.onResume = onResume;
        this.label = label;
        this.loop = loop;
        this.resumeMaxPs = Time.us(resumeMaxUs);
        // tcp_limit_output_bytes: 16 x 65536 in 4.19; 4 MB in recent 6.x (matters only above ~8 Gbit/s of pacing rate)
        this.limitOutputBytes = flavour == Flavour.UPSTREAM ? 4L << 20 : 16L * 65536;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String describe() {
        return label;
    }

    /** Whether one more segment may go now; if not, the resumption is scheduled. */
    boolean mayQueue(TcpSock sk) {
        long now = loop.nowPs();
        if (now != instantPs) {
            return true;
        }
        long truesize = sk.mssCache + TRUESIZE_OVERHEAD;
        long limit = Math.min(Math.max(2 * truesize, sk.skPacingRate >> PACING_SHIFT), limitOutputBytes);
        if (unfreed * truesize + 1 <= limit) {   // sk_wmem_alloc starts at 1
            return true;
        }
        if (!isScheduled()) {
            long lo = resumeMaxPs / 5;
            loop.schedule(this, now + 1 + lo + (long) (random.nextDouble() * (resumeMaxPs - lo)));
        }
        return false;
    }

    /** A segment was sent now. */
    void onSent(long now) {
        if (now != instantPs) {
            instantPs = now;
            unfreed = 0;
        }
        unfreed++;
    }

    @Override
    protected void onEvent(long now) {
        onResume.run();
    }
}
