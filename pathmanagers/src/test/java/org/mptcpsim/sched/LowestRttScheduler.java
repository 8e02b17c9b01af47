package org.mptcpsim.sched;

import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;

/**
 * The README's example of a new scheduler (Design section): every segment, new or reinjected,
 * goes to the subflow with the lowest srtt that can take it now; backups are not special.
 */
final class LowestRttScheduler extends SegmentScheduler {
    LowestRttScheduler() {
        super("lowestrtt");
    }

    @Override
    protected SubflowView availableSubflow(SchedulerView meta, long dsn) {
        SubflowView best = null;
        for (int i = 0; i < meta.subflowCount(); i++) {
            SubflowView s = meta.subflowAt(i);
            // not established or potentially failed; in Loss, no cwnd or receive-window room
            if (s.defUnavailable() || s.tempUnavailable(dsn)) {
                continue;
            }
            if (best == null || Integer.compareUnsigned(s.srttUs(), best.srttUs()) < 0) {
                best = s;
            }
        }
        return best;
    }
}
