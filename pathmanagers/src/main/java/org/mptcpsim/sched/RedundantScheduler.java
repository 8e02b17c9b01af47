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
 * The redundant scheduler {@code redundant} ({@code net/mptcp/mptcp_redundant.c}, v0.95-era
 * version with a rotating start subflow and per-subflow skb pointers:
 * {@code redundant_next_segment}, {@code redsched_correct_skb_pointers}).
 *
 * <p>Reinjections go where the default scheduler's {@code get_available_subflow} sends them.
 * Otherwise, starting at the subflow after the one chosen last and wrapping, each subflow is
 * offered the meta segment after the one it was last given (or, once that one is acknowledged
 * at meta level, the oldest unacknowledged segment). A segment already sent elsewhere is copied
 * only onto active (non-backup) subflows and counts as a meta-level retransmission
 * ({@code reinject = -1}); a new segment goes to a backup subflow only when no active subflow is
 * valid (active and not definitely unavailable). Net effect: every active subflow carries every
 * segment not yet acknowledged at meta level.
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
        boolean haveNew = meta.sendHead() >= 0;
        for (int k = 0; k < n; k++) {
            SubflowView s = meta.subflowAt((start + k) % n);
            long prev = last.get(s.id());
            long dsn = prev >= meta.dataUna() ? prev + 1 : meta.dataUna();
            boolean isNew = dsn == sndNxt;
            if (dsn > sndNxt || (isNew && (!haveNew || !meta.sendWindowAllows(dsn)))) {
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
