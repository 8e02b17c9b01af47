package org.mptcpsim.mptcp;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpSock;

/**
 * The out-of-tree kernel's default scheduler ({@code net/mptcp/mptcp_sched.c}:
 * {@code mptcp_next_segment}, {@code get_available_subflow}, {@code get_subflow_from_selectors};
 * kernel-reference §6.2): reinjections first, then new data; among active (non-backup) subflows
 * the one with the lowest srtt that has not carried the segment and has room; backups only when
 * no active subflow exists or all are definitely unavailable. Ties go to the newest subflow.
 *
 * <p>When the connection-level window blocks new data, the receive-buffer optimisation
 * ({@code mptcp_rcv_buf_optimization}) runs for the subflow that would have sent it: once per
 * its srtt it halves the window of a slower subflow holding up the oldest unacknowledged data
 * (penalisation), and it retransmits that data on the faster subflow when the slow one is much
 * slower (4 x srtt) or has a tiny window (opportunistic retransmission).
 */
public final class DefaultScheduler implements PacketScheduler {
    private boolean flag;
    /** {@code last_rbuf_opti} per subflow id, jiffies. */
    private int[] lastRbufOpti = new int[8];

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Subflow nextSegment(MptcpConnection meta) {
        long dsn = meta.reinjectHead();
        boolean reinject = dsn >= 0;
        if (!reinject) {
            dsn = meta.sendHead();
            if (dsn < 0) {
                return null;
            }
        }
        Subflow s = availableSubflow(meta, dsn);
        if (s == null) {
            return null;
        }
        if (!reinject && !meta.sendWindowAllows(dsn)) {
            long old = rcvBufOptimization(meta, s);
            if (old < 0) {
                return null;
            }
            dsn = old;
            reinject = true; // a meta-level retransmission
        }
        meta.decide(dsn, reinject);
        return s;
    }

    /**
     * {@code mptcp_rcv_buf_optimization} with penalisation, for the subflow {@code chosen} that the
     * blocked segment would have used. Returns the data sequence to retransmit on it, or -1.
     */
    long rcvBufOptimization(MptcpConnection meta, Subflow chosen) {
        long una = meta.dataUna();
        if (una >= meta.sndNxt()) {
            return -1;
        }
        long mask = meta.pathMask(una);
        TcpSock c = chosen.sk;
        int id = c.id;
        if (id >= lastRbufOpti.length) {
            lastRbufOpti = java.util.Arrays.copyOf(lastRbufOpti, Math.max(id + 1, lastRbufOpti.length * 2));
        }
        int now = c.jiffies32();
        int srttJiffies = (int) (((c.srttUs >>> 3) + 999L) / 1000);
        if (now - lastRbufOpti[id] >= srttJiffies) {
            // penalise the first other subflow that carried the oldest unacknowledged segment, if slower
            for (int i = 0; i < meta.subflowCount(); i++) {
                Subflow o = meta.subflowAt(i);
                if (o == chosen || (mask & MptcpConnection.subflowBit(o)) == 0) {
                    continue;
                }
                TcpSock sk = o.sk;
                if (Integer.compareUnsigned(c.srttUs, sk.srttUs) < 0 && sk.caState == CaState.OPEN) {
                    int prior = sk.sndCwnd;
                    sk.sndCwnd = Math.max(prior >> 1, 1);
                    if (prior >= sk.sndSsthresh) {
                        sk.sndSsthresh = Math.max(sk.sndSsthresh >> 1, 2);
                    }
                    lastRbufOpti[id] = now;
                }
                break;
            }
        }
        // opportunistic retransmission of a segment the chosen subflow has not carried yet
        if ((mask & MptcpConnection.subflowBit(chosen)) != 0) {
            return -1;
        }
        boolean retrans = false;
        for (int i = 0; i < meta.subflowCount(); i++) {
            Subflow o = meta.subflowAt(i);
            if (o == chosen || (mask & MptcpConnection.subflowBit(o)) == 0) {
                continue;
            }
            if (o.sk.sndCwnd <= 4) {
                retrans = true;
                break;
            }
            if (4L * (c.srttUs & 0xffffffffL) >= (o.sk.srttUs & 0xffffffffL)) {
                retrans = false;
                break;
            }
            retrans = true;
        }
        return retrans && !meta.isTempUnavailable(chosen, una) ? una : -1;
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
