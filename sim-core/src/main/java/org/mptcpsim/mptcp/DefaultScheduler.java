package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.Subflow;

/**
 * The out-of-tree kernel's default scheduler ({@code net/mptcp/mptcp_sched.c}:
 * {@code mptcp_next_segment}, {@code get_available_subflow}, {@code get_subflow_from_selectors};
 * kernel-reference §6.2): reinjections first, then new data; among active (non-backup) subflows
 * the one with the lowest srtt that has not carried the segment and has room; backups only when
 * no active subflow exists or all are definitely unavailable. Ties go to the newest subflow.
 *
 * <p>Not modelled: the receive-buffer optimisation (penalisation and opportunistic
 * retransmission when the connection-level window blocks new data).
 */
public final class DefaultScheduler implements PacketScheduler {
    private boolean flag;

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Subflow nextSegment(MptcpConnection meta) {
        long dsn = meta.nextSegmentDsn();
        if (dsn < 0) {
            return null;
        }
        boolean reinject = dsn != meta.sendHead();
        Subflow s = availableSubflow(meta, dsn);
        if (s != null) {
            meta.decide(dsn, reinject);
        }
        return s;
    }

    /** {@code get_available_subflow}: active subflows first, backups only if no active one will do. */
    public Subflow availableSubflow(MptcpConnection meta, long dsn) {
        Subflow best = fromSelectors(meta, dsn, false);
        if (flag) {
            return best;
        }
        best = fromSelectors(meta, dsn, true);
        if (!flag) {
            meta.clearPathMask(dsn);
        }
        return best;
    }

    /** {@code get_subflow_from_selectors}; sets {@link #flag} as the kernel's {@code force}. */
    private Subflow fromSelectors(MptcpConnection meta, long dsn, boolean backup) {
        long mask = meta.pathMask(dsn);
        Subflow best = null;
        long minSrtt = Long.MAX_VALUE;
        boolean foundUnused = false;
        boolean foundUnusedUna = false;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            Subflow s = meta.subflowAt(i);
            if (s.sk.isBackup() != backup) {
                continue;
            }
            boolean unused = (mask & MptcpConnection.subflowBit(s)) == 0;
            if (!unused && foundUnused) {
                continue;
            }
            if (MptcpConnection.isDefUnavailable(s)) {
                continue;
            }
            if (meta.isTempUnavailable(s, dsn)) {
                if (unused) {
                    foundUnusedUna = true;
                }
                continue;
            }
            if (unused) {
                if (!foundUnused) {
                    minSrtt = Long.MAX_VALUE;
                    best = null;
                }
                foundUnused = true;
            }
            long srtt = s.sk.srttUs & 0xffffffffL;
            if (srtt < minSrtt) {
                minSrtt = srtt;
                best = s;
            }
        }
        flag = best != null ? foundUnused : foundUnusedUna;
        return best;
    }

    /** Registers {@code default}. */
    public static final class Factory implements PacketSchedulerFactory {
        @Override
        public String name() {
            return "default";
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new DefaultScheduler();
        }
    }
}
