package org.mptcpsim.sched;


import java.util.List;
import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;

/**
 * The round-robin scheduler {@code roundrobin} ({@code net/mptcp/mptcp_rr.c},
 * {@code mptcp_rr_next_segment}, {@code rr_get_available_subflow}, {@code mptcp_rr_is_available}).
 *
 * <p>Each subflow has a {@code quota} (u8) of segments sent in the current round. New data goes
 * to the first available subflow (kernel order, newest first) whose quota is partly used
 * ({@code 0 < quota < num_segments}), else to the <em>last</em> available one with quota 0 (the
 * oldest); when every available subflow has a full quota, all quotas are reset and the round
 * restarts. With {@code cwnd_limited = 1} only subflows with cwnd room take part; with 0 every
 * otherwise-available subflow takes part and the scheduler waits for the chosen one's cwnd
 * (strict alternation). Backup flags are ignored. Reinjections go to the last available
 * subflow that has not carried the segment, else to any available one (path mask cleared).
 * A subflow is available ({@code mptcp_rr_is_available}) when it is not definitely unavailable
 * and not temporarily unavailable ({@link SubflowView#tempUnavailable(long, boolean)}, whose cwnd
 * test is optional here).
 *
 * <p>Module parameters: {@code mptcp_rr.num_segments} (1), {@code mptcp_rr.cwnd_limited} (1).
 * Segments are one MSS each in the simulator, so a burst of {@code num_segments} is that many
 * consecutive scheduler calls choosing the same subflow.
 */
public final class RoundRobinScheduler extends SegmentScheduler {
    public static final String NAME = "roundrobin";
    static final ModuleParam NUM_SEGMENTS = ModuleParam.integer("mptcp_rr.num_segments", 1, 255, 1,
            "consecutive segments per subflow burst");
    static final ModuleParam CWND_LIMITED = ModuleParam.bool("mptcp_rr.cwnd_limited", true,
            "only consider subflows with congestion-window room");

    private final int numSegments;
    private final boolean cwndLimited;
    private final SubflowState quota = new SubflowState(0);

    public RoundRobinScheduler(int numSegments, boolean cwndLimited) {
        super(NAME);
        if (numSegments < 1 || numSegments > 255) {
            // u8 in the kernel; 0 would make its round loop spin forever (every quota is both 0 and full)
            throw new IllegalArgumentException(NUM_SEGMENTS + " must be 1..255, got " + numSegments);
        }
        this.numSegments = numSegments;
        this.cwndLimited = cwndLimited;
    }

    @Override
    public void onSubflowAdded(SchedulerView meta, SubflowView s) {
        quota.reset(s.id());
    }

    /** The quota in the current round of the subflow with id {@code id} (for tests and traces). */
    public int quota(int id) {
        return (int) quota.get(id);
    }

    /** {@code mptcp_rr_is_available(sk, skb, false, cwndTest)}. */
    private static boolean available(SubflowView s, long dsn, boolean cwndTest) {
        return !s.defUnavailable() && !s.tempUnavailable(dsn, cwndTest);
    }

    /** {@code mptcp_rr_next_segment} for new data. */
    @Override
    protected SubflowView availableSubflow(SchedulerView meta, long dsn) {
        SubflowView choose = null;
        // as in the kernel, iter and full_subs keep counting across the retry
        int iter = 0;
        int fullSubs = 0;
        int n = meta.subflowCount();
        retry:
        while (true) {
            for (int i = 0; i < n; i++) {
                SubflowView s = meta.subflowAt(i);
                if (!available(s, dsn, cwndLimited)) {
                    continue;
                }
                iter++;
                int q = quota(s.id());
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
                    SubflowView s = meta.subflowAt(i);
                    if (available(s, dsn, cwndLimited)) {
                        quota.set(s.id(), 0);
                    }
                }
                continue;
            }
            break;
        }
        if (choose == null || !available(choose, dsn, true)) {
            return null;
        }
        quota.set(choose.id(), (quota(choose.id()) + 1) & 0xff);
        return choose;
    }

    /** {@code rr_get_available_subflow}: the last available subflow that has not carried the segment. */
    @Override
    protected SubflowView reinjectSubflow(SchedulerView meta, long dsn) {
        long mask = meta.pathMask(dsn);
        SubflowView best = null;
        SubflowView used = null;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            SubflowView s = meta.subflowAt(i);
            if (!available(s, dsn, true)) {
                continue;
            }
            if ((mask & s.bit()) != 0) {
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
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // out-of-tree only (mptcp_rr.c)
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new RoundRobinScheduler(NUM_SEGMENTS.getInt(params), CWND_LIMITED.getBool(params));
        }

        @Override
        public List<ModuleParam> parameters() {
            return List.of(NUM_SEGMENTS, CWND_LIMITED);
        }
    }
}
