package org.mptcpsim.sched;

import java.util.Map;

import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.tcp.Subflow;

/**
 * The round-robin scheduler {@code roundrobin} ({@code net/mptcp/mptcp_rr.c},
 * {@code mptcp_rr_next_segment} and {@code rr_get_available_subflow}; kernel-reference §6.3).
 *
 * <p>Each subflow has a {@code quota} (u8) of segments sent in the current round. New data goes
 * to the first available subflow (kernel order, newest first) whose quota is partly used
 * ({@code 0 < quota < num_segments}), else to the <em>last</em> available one with quota 0 (the
 * oldest); when every available subflow has a full quota, all quotas are reset and the round
 * restarts. With {@code cwnd_limited = 1} only subflows with cwnd room take part; with 0 every
 * otherwise-available subflow takes part and the scheduler waits for the chosen one's cwnd
 * (strict alternation). Backup flags are ignored. Reinjections go to the last available
 * subflow that has not carried the segment, else to any available one (path mask cleared).
 *
 * <p>Module parameters: {@code mptcp_rr.num_segments} (1), {@code mptcp_rr.cwnd_limited} (1).
 * Segments are one MSS each in the simulator, so a burst of {@code num_segments} is that many
 * consecutive scheduler calls choosing the same subflow.
 */
public final class RoundRobinScheduler implements PacketScheduler {
    public static final String NUM_SEGMENTS = "mptcp_rr.num_segments";
    public static final String CWND_LIMITED = "mptcp_rr.cwnd_limited";

    private final int numSegments;
    private final boolean cwndLimited;
    private final SubflowState quota = new SubflowState(0);

    public RoundRobinScheduler(int numSegments, boolean cwndLimited) {
        if (numSegments < 1 || numSegments > 255) {
            // u8 in the kernel; 0 would make its round loop spin forever (every quota is both 0 and full)
            throw new IllegalArgumentException(NUM_SEGMENTS + " must be 1..255, got " + numSegments);
        }
        this.numSegments = numSegments;
        this.cwndLimited = cwndLimited;
    }

    @Override
    public String name() {
        return "roundrobin";
    }

    @Override
    public void onSubflowAdded(MptcpConnection meta, Subflow s) {
        quota.reset(s.sk.id);
    }

    /** The subflow's quota in the current round (for tests and traces). */
    public int quota(Subflow s) {
        return (int) quota.get(s.sk.id);
    }

    @Override
    public Subflow nextSegment(MptcpConnection meta) {
        long dsn = meta.reinjectHead();
        if (dsn >= 0) {
            Subflow s = reinjectSubflow(meta, dsn);
            if (s != null) {
                meta.decide(dsn, true);
            }
            return s;
        }
        dsn = meta.sendHead();
        if (dsn < 0 || !meta.sendWindowAllows(dsn)) {
            return null;
        }
        Subflow choose = null;
        // as in the kernel, iter and full_subs keep counting across the retry
        int iter = 0;
        int fullSubs = 0;
        int n = meta.subflowCount();
        retry:
        while (true) {
            for (int i = 0; i < n; i++) {
                Subflow s = meta.subflowAt(i);
                if (!Availability.available(meta, s, dsn, cwndLimited)) {
                    continue;
                }
                iter++;
                int q = quota(s);
                if (q > 0 && q < numSegments) {
                    choose = s;
                    break retry;
                }
                if (q == 0) {
                    choose = s;
                }
                if (q == numSegments) {
                    fullSubs++;
                }
            }
            if (iter > 0 && iter == fullSubs) {
                for (int i = 0; i < n; i++) {
                    Subflow s = meta.subflowAt(i);
                    if (Availability.available(meta, s, dsn, cwndLimited)) {
                        quota.set(s.sk.id, 0);
                    }
                }
                continue;
            }
            break;
        }
        if (choose == null || !Availability.available(meta, choose, dsn, true)) {
            return null;
        }
        quota.set(choose.sk.id, (quota(choose) + 1) & 0xff);
        meta.decide(dsn, false);
        return choose;
    }

    /** {@code rr_get_available_subflow}: the last available subflow that has not carried the segment. */
    private Subflow reinjectSubflow(MptcpConnection meta, long dsn) {
        long mask = meta.pathMask(dsn);
        Subflow best = null;
        Subflow used = null;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            Subflow s = meta.subflowAt(i);
            if (!Availability.available(meta, s, dsn, true)) {
                continue;
            }
            if ((mask & MptcpConnection.subflowBit(s)) != 0) {
                used = s;
                continue;
            }
            best = s;
        }
        if (best == null && used != null) {
            meta.clearPathMask(dsn);
            return used;
        }
        return best;
    }

    /** Registers {@code roundrobin}. */
    public static final class Factory implements PacketSchedulerFactory {
        @Override
        public String name() {
            return "roundrobin";
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new RoundRobinScheduler(params.getInt(NUM_SEGMENTS, 1), params.getInt(CWND_LIMITED, 1) != 0);
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of(NUM_SEGMENTS, "1", CWND_LIMITED, "1");
        }
    }
}
