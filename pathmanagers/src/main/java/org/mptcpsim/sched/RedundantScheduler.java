package org.mptcpsim.sched;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.Decision;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;

/**
 * The redundant scheduler {@code redundant} of MPTCP v0.95.2 ({@code net/mptcp/mptcp_redundant.c}:
 * {@code mptcp_red_next_segment} with a rotating start subflow and per-subflow skb pointers,
 * {@code redsched_correct_skb_pointers}, {@code redsched_next_skb_from_queue}).
 *
 * <p>Reinjections go where the default scheduler's {@code get_available_subflow} sends them.
 * Otherwise, starting at the subflow after the one chosen last and wrapping, each subflow is
 * offered the meta segment after the one it was last given, as long as that one lies strictly
 * after {@code snd_una} and was sent; else the oldest unacknowledged segment (the head of the
 * retransmission queue), or the send head when every sent segment is acknowledged. A segment
 * already sent elsewhere is copied only onto active (non-backup) subflows and counts as a
 * meta-level retransmission ({@code reinject = -1}); a new segment goes to a backup subflow only
 * when no active subflow is valid (active and not definitely unavailable). When the connection
 * window refuses the offered segment, the pointer stays stored and the loop ends, as
 * {@code mptcp_write_xmit} breaks on {@code tcp_snd_wnd_test}.
 *
 * <p>Net effect, as in the kernel: the pointer test is {@code !after(skb_start_seq, snd_una)},
 * so the segment at {@code snd_una} clears it too, and a subflow that has been given the oldest
 * unacknowledged segment is given it again at every free cwnd slot until it is DATA_ACKed. New
 * data is offered only when nothing sent is unacknowledged: {@code snd_nxt <= snd_una + 1}, one
 * new segment per round trip of the subflow that delivers it first, every cwnd slot of every
 * active subflow filled with copies of it (README, out-of-tree finding OOT-F1; fixed upstream
 * in 2022, multipath-tcp/mptcp pull request 478: {@code before} instead of {@code !after}).
 */
public final class RedundantScheduler extends SegmentScheduler {
    public static final String NAME = "redundant";
    /** Per subflow: the last data sequence number it was given, or -1. */
    private final SubflowState last = new SubflowState(-1);
    /** Id of the subflow to start from ({@code next_subflow}), or -1 for the head. */
    private int nextSubflowId = -1;

    public RedundantScheduler() {
        super(NAME);
    }

    @Override
    public void onSubflowAdded(SchedulerView meta, SubflowView s) {
        last.reset(s.id());
    }

    @Override
    public void onSubflowRemoved(SchedulerView meta, SubflowView s) {
        if (nextSubflowId == s.id()) {
            nextSubflowId = -1;
        }
    }

    @Override
    protected SubflowView availableSubflow(SchedulerView meta, long dsn) {
        return SubflowSelector.available(meta, dsn);
    }

    @Override
    protected Decision newData(SchedulerView meta, Decision out) {
        int n = meta.subflowCount();
        if (n == 0) {
            return null;
        }
        int start = 0;
        boolean activeValid = false;
        for (int i = 0; i < n; i++) {
            SubflowView s = meta.subflowAt(i);
            if (s.id() == nextSubflowId) {
                start = i;
            }
            if (!s.isBackup() && !s.defUnavailable()) {
                activeValid = true;
            }
        }
        long sndNxt = meta.sndNxt();
        long una = meta.dataUna();
        boolean haveNew = meta.sendHead() >= 0;
        for (int k = 0; k < n; k++) {
            SubflowView s = meta.subflowAt((start + k) % n);
            long prev = last.get(s.id());
            // redsched_correct_skb_pointers keeps the subflow's pointer only while the segment's
            // start is after snd_una and its end not after snd_nxt (segment d spans [d, d + 1)):
            // una < prev < sndNxt. The segment at snd_una itself is reset, so
            // redsched_next_skb_from_queue offers the retransmission queue's head (una) again, or
            // the send head when nothing sent is unacknowledged (una == sndNxt): a subflow that
            // reaches the oldest unacknowledged segment is offered it until it is DATA_ACKed.
            long dsn = prev > una && prev < sndNxt ? prev + 1 : una;
            boolean isNew = dsn == sndNxt;
            if (isNew && !haveNew) {
                continue;
            }
            if (s.defUnavailable() || s.tempUnavailable(dsn)) {
                continue;
            }
            if (s.isBackup() && (!isNew || activeValid)) {
                continue;
            }
            last.set(s.id(), dsn);
            nextSubflowId = meta.subflowAt((start + k + 1) % n).id();
            if (!meta.sendWindowAllows(dsn)) {
                // mptcp_write_xmit: tcp_snd_wnd_test fails after the pointer was stored -> break
                return null;
            }
            return out.send(s, dsn, !isNew);
        }
        return null;
    }

    /** Registers {@code redundant}. */
    public static final class Factory implements PacketSchedulerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // out-of-tree only (mptcp_redundant.c)
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new RedundantScheduler();
        }
    }
}
