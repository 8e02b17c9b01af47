package org.mptcpsim.sched;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;

/**
 * The upstream Linux (5.x/6.x) MPTCP scheduler ({@code net/mptcp/protocol.c}:
 * {@code mptcp_subflow_get_send}, {@code __mptcp_push_pending}): among active subflows pick the
 * one with the shortest "linger time", bytes queued on it over its pacing rate
 * ({@code sk_wmem_queued << 32 / avg_pacing_rate}), backups only when no subflow is active; then
 * keep sending on it for a burst of up to {@code MPTCP_SEND_BURST_SIZE} (64 KB) before choosing
 * again. Reinjections (data of a subflow that timed out) go first, to any other subflow.
 *
 * <p>Simplification: the simulator assigns a segment to a subflow only when the subflow can send
 * it, so a subflow's queued bytes are its bytes in flight and a subflow without congestion-window
 * room is skipped (upstream would queue the data in the subflow's send buffer).
 */
public final class UpstreamScheduler extends SegmentScheduler {
    /** {@code MPTCP_SEND_BURST_SIZE}. */
    public static final int SEND_BURST_SIZE = 65428;

    private SubflowView current;
    private int burstLeft;
    private long picks;

    public UpstreamScheduler() {
        super(Factory.NAME);
    }

    @Override
    protected SubflowView availableSubflow(SchedulerView meta, long dsn) {
        return choose(meta, dsn, false);
    }

    @Override
    protected SubflowView reinjectSubflow(SchedulerView meta, long dsn) {
        return choose(meta, dsn, true);
    }

    private SubflowView choose(SchedulerView meta, long dsn, boolean reinject) {
        SubflowView s = current;
        if (reinject || s == null || burstLeft <= 0 || s.defUnavailable() || s.tempUnavailable(dsn)) {
            s = pick(meta, dsn, reinject);
            if (s == null) {
                return null;
            }
            current = s;
            burstLeft = SEND_BURST_SIZE;
            picks++;
        }
        burstLeft -= s.mssCache();
        return s;
    }

    /** How many times a subflow was chosen afresh (at the start of a burst). */
    public long picks() {
        return picks;
    }

    private static SubflowView pick(SchedulerView meta, long dsn, boolean reinject) {
        SubflowView best = null;
        SubflowView bestBackup = null;
        long bestLinger = Long.MAX_VALUE;
        long bestBackupLinger = Long.MAX_VALUE;
        int nrActive = 0;
        long mask = reinject ? meta.pathMask(dsn) : 0;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            SubflowView s = meta.subflowAt(i);
            if (s.defUnavailable()) {
                continue;
            }
            boolean backup = s.isBackup();
            if (!backup) {
                nrActive++;
            }
            if (s.tempUnavailable(dsn) || (mask & s.bit()) != 0) {
                continue;
            }
            long pace = s.pacingRate();
            if (pace <= 0) {
                // before the first RTT sample: treat as the fastest, as an empty queue lingers 0
                pace = Long.MAX_VALUE >>> 33;
            }
            long wmem = s.queuedBytes();
            long linger = (wmem << 32) / pace;
            if (backup) {
                if (linger < bestBackupLinger) {
                    bestBackupLinger = linger;
                    bestBackup = s;
                }
            } else if (linger < bestLinger) {
                bestLinger = linger;
                best = s;
            }
        }
        return nrActive == 0 ? bestBackup : best;
    }

    /** Registers upstream's one scheduler: the {@code default} of {@link Flavour#UPSTREAM}. */
    public static final class Factory implements PacketSchedulerFactory {
        /** Upstream has no scheduler choice; scenarios name it by the sysctl's default. */
        static final String NAME = "default";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.UPSTREAM);
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new UpstreamScheduler();
        }
    }
}
