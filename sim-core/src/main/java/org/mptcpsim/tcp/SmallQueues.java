package org.mptcpsim.tcp;

import java.util.SplittableRandom;
import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.PacketSink;

/**
 * TCP Small Queues of one subflow ({@code tcp_small_queue_check}, tcp_output.c): a socket keeps at most
 * {@code max(2 x skb->truesize, sk_pacing_rate >> sk_pacing_shift)} bytes (capped by
 * {@code tcp_limit_output_bytes}) in the qdisc and device below it; a segment stays charged until the host's
 * first link has sent it (its TX completion). A throttled socket sends again when the TSQ handler runs after a
 * completion; on a busy host that is later (the handler finds the socket owned by the application and defers to its
 * {@code release_sock}): {@code sim.tsq_resume_us} = v draws that delay uniformly from [v/5, v] per resumption.
 * Measured in the kernel lab (docs/phase-effects.md section 3): ~5 % of a bulk sender's segments leave 1.4-4.8 ms
 * (median 2.9 ms) after its previous one with no ACK between, with TSO on or off; v = 4800 gives 0.96-4.8 ms.
 * Retransmissions are charged but never held back (the kernel allows them twice the limit). Modelled only when the
 * scenario sets the knob.
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
    /** Completion times of the segments below TCP, oldest first (a host's first link is FIFO, so they ascend). */
    private long[] done = new long[8];
    private int head;
    private int count;

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

    /** Whether one more segment may go below TCP now; if not, the resumption is scheduled. */
    boolean mayQueue(TcpSock sk) {
        long now = loop.nowPs();
        while (count > 0 && done[head] <= now) {
            head = (head + 1) & (done.length - 1);
            count--;
        }
        long truesize = sk.mssCache + TRUESIZE_OVERHEAD;
        long limit = Math.min(Math.max(2 * truesize, sk.skPacingRate >> PACING_SHIFT), limitOutputBytes);
        if (count * truesize + 1 <= limit) {   // sk_wmem_alloc starts at 1
            return true;
        }
        if (!isScheduled()) {
            long lo = resumeMaxPs / 5;
            loop.schedule(this, done[head] + lo + (long) (random.nextDouble() * (resumeMaxPs - lo)));
        }
        return false;
    }

    /** A new segment was handed to {@code first}: charged until that link has sent it (at once when it dropped it). */
    void onSent(PacketSink first, long dropsBefore, long now) {
        long completion = first instanceof Link l && l.drops() == dropsBefore ? Math.max(now, l.busyUntilPs()) : now;
        if (completion <= now) {
            return;
        }
        if (count == done.length) {
            long[] d = new long[done.length * 2];
            for (int i = 0; i < count; i++) {
                d[i] = done[(head + i) & (done.length - 1)];
            }
            done = d;
            head = 0;
        }
        done[(head + count) & (done.length - 1)] = completion;
        count++;
    }

    /** The first link's drop counter before a send (a dropped segment is freed at once). */
    static long drops(PacketSink first) {
        return first instanceof Link l ? l.drops() : 0;
    }

    @Override
    protected void onEvent(long now) {
        onResume.run();
    }
}
