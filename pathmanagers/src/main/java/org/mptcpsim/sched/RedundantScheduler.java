package org.mptcpsim.sched;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.DefaultScheduler;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.tcp.Subflow;

/**
 * The redundant scheduler {@code redundant} ({@code net/mptcp/mptcp_redundant.c}, v0.95-era
 * version with a rotating start subflow and per-subflow skb pointers; kernel-reference §6.4).
 *
 * <p>Reinjections go through the default scheduler. Otherwise, starting at the subflow after
 * the one chosen last and wrapping, each subflow is offered the meta segment after the one it
 * was last given (or, once that one is acknowledged at meta level, the oldest unacknowledged
 * segment). A segment already sent elsewhere is copied only onto active (non-backup) subflows
 * and counts as a meta-level retransmission ({@code reinject = -1}); a new segment goes to a
 * backup subflow only when no active subflow is valid (active and not definitely unavailable).
 * Net effect: every active subflow carries every segment not yet acknowledged at meta level.
 */
public final class RedundantScheduler implements PacketScheduler {
    private final DefaultScheduler def = new DefaultScheduler();
    /** Per subflow: the last data sequence number it was given, or -1. */
    private final SubflowState last = new SubflowState(-1);
    /** Id of the subflow to start from ({@code next_subflow}), or -1 for the head. */
    private int nextSubflowId = -1;

    @Override
    public String name() {
        return "redundant";
    }

    @Override
    public void onSubflowAdded(MptcpConnection meta, Subflow s) {
        last.reset(s.sk.id);
    }

    @Override
    public void onSubflowRemoved(MptcpConnection meta, Subflow s) {
        if (nextSubflowId == s.sk.id) {
            nextSubflowId = -1;
        }
    }

    @Override
    public Subflow nextSegment(MptcpConnection meta) {
        long r = meta.reinjectHead();
        if (r >= 0) {
            Subflow s = def.availableSubflow(meta, r);
            if (s != null) {
                meta.decide(r, true);
            }
            return s;
        }
        int n = meta.subflowCount();
        if (n == 0) {
            return null;
        }
        int start = 0;
        boolean activeValid = false;
        for (int i = 0; i < n; i++) {
            Subflow s = meta.subflowAt(i);
            if (s.sk.id == nextSubflowId) {
                start = i;
            }
            if (!s.sk.isBackup() && !MptcpConnection.isDefUnavailable(s)) {
                activeValid = true;
            }
        }
        long sndNxt = meta.sndNxt();
        boolean haveNew = meta.sendHead() >= 0;
        for (int k = 0; k < n; k++) {
            Subflow s = meta.subflowAt((start + k) % n);
            long prev = last.get(s.sk.id);
            long dsn = prev >= meta.dataUna() ? prev + 1 : meta.dataUna();
            boolean isNew = dsn == sndNxt;
            if (dsn > sndNxt || (isNew && (!haveNew || !meta.sendWindowAllows(dsn)))) {
                continue;
            }
            if (MptcpConnection.isDefUnavailable(s) || meta.isTempUnavailable(s, dsn)) {
                continue;
            }
            if (s.sk.isBackup() && (!isNew || activeValid)) {
                continue;
            }
            last.set(s.sk.id, dsn);
            nextSubflowId = meta.subflowAt((start + k + 1) % n).sk.id;
            meta.decide(dsn, !isNew);
            return s;
        }
        return null;
    }

    /** Registers {@code redundant}. */
    public static final class Factory implements PacketSchedulerFactory {
        @Override
        public String name() {
            return "redundant";
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new RedundantScheduler();
        }
    }
}
