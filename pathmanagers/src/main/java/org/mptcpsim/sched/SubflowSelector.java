package org.mptcpsim.sched;

import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;

/**
 * The default scheduler's subflow choice ({@code net/mptcp/mptcp_sched.c}
 * {@code get_available_subflow}, {@code get_subflow_from_selectors}), shared by the schedulers
 * that fall back on it ({@code mptcp_redundant.c} for reinjections, {@code mptcp_blest.c}).
 * Stateless.
 */
final class SubflowSelector {
    private SubflowSelector() {
    }

    /**
     * {@code get_available_subflow}: among active (non-backup) subflows the one with the lowest
     * srtt that has not carried the segment and has room; backups only when no active subflow
     * exists or all are definitely unavailable (then the segment's path mask is cleared). Ties go
     * to the newest subflow.
     */
    static SubflowView available(SchedulerView meta, long dsn) {
        int r = fromSelectors(meta, dsn, false);
        if (forced(r)) {
            return at(meta, r);
        }
        r = fromSelectors(meta, dsn, true);
        if (!forced(r)) {
            meta.clearPathMask(dsn);
        }
        return at(meta, r);
    }

    private static boolean forced(int r) {
        return (r & 1) != 0;
    }

    private static SubflowView at(SchedulerView meta, int r) {
        int pos = (r >> 1) - 1;
        return pos < 0 ? null : meta.subflowAt(pos);
    }

    /**
     * {@code get_subflow_from_selectors} over the backup or the active subflows. Returns the
     * chosen position plus one, shifted left by one, with the kernel's {@code force} out-parameter
     * in bit 0 (so nothing is allocated and no state is kept).
     */
    private static int fromSelectors(SchedulerView meta, long dsn, boolean backup) {
        long mask = meta.pathMask(dsn);
        int best = -1;
        long minSrtt = Long.MAX_VALUE;
        boolean foundUnused = false;
        boolean foundUnusedUna = false;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            SubflowView s = meta.subflowAt(i);
            if (s.isBackup() != backup) {
                continue;
            }
            boolean unused = (mask & s.bit()) == 0;
            if (!unused && foundUnused) {
                continue;
            }
            if (s.defUnavailable()) {
                continue;
            }
            if (s.tempUnavailable(dsn)) {
                if (unused) {
                    foundUnusedUna = true;
                }
                continue;
            }
            if (unused) {
                if (!foundUnused) {
                    minSrtt = Long.MAX_VALUE;
                    best = -1;
                }
                foundUnused = true;
            }
            long srtt = s.srttUs() & 0xffffffffL;
            if (srtt < minSrtt) {
                minSrtt = srtt;
                best = i;
            }
        }
        boolean force = best >= 0 ? foundUnused : foundUnusedUna;
        return ((best + 1) << 1) | (force ? 1 : 0);
    }
}
