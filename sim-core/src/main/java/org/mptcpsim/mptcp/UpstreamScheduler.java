package org.mptcpsim.mptcp;

import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpSock;

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
public final class UpstreamScheduler implements PacketScheduler {
    /** {@code MPTCP_SEND_BURST_SIZE}. */
    public static final int SEND_BURST_SIZE = 65428;

    private Subflow current;
    private int burstLeft;
    private long picks;

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
        Subflow s = current;
        if (reinject || s == null || burstLeft <= 0 || !usable(meta, s, dsn)) {
            s = pick(meta, dsn, reinject);
            if (s == null) {
                return null;
            }
            current = s;
            burstLeft = SEND_BURST_SIZE;
            picks++;
        }
        burstLeft -= s.sk.mssCache;
        meta.decide(dsn, reinject);
        return s;
    }

    /** How many times a subflow was chosen afresh (at the start of a burst). */
    public long picks() {
        return picks;
    }

    private static boolean usable(MptcpConnection meta, Subflow s, long dsn) {
        return !MptcpConnection.isDefUnavailable(s) && !meta.isTempUnavailable(s, dsn);
    }

    private static Subflow pick(MptcpConnection meta, long dsn, boolean reinject) {
        Subflow best = null;
        Subflow bestBackup = null;
        long bestLinger = Long.MAX_VALUE;
        long bestBackupLinger = Long.MAX_VALUE;
        int nrActive = 0;
        long mask = reinject ? meta.pathMask(dsn) : 0;
        int n = meta.subflowCount();
        for (int i = 0; i < n; i++) {
            Subflow s = meta.subflowAt(i);
            if (MptcpConnection.isDefUnavailable(s)) {
                continue;
            }
            TcpSock sk = s.sk;
            boolean backup = sk.isBackup();
            if (!backup) {
                nrActive++;
            }
            if (meta.isTempUnavailable(s, dsn) || (mask & MptcpConnection.subflowBit(s)) != 0) {
                continue;
            }
            long pace = sk.skPacingRate;
            if (pace <= 0) {
                // before the first RTT sample: treat as the fastest, as an empty queue lingers 0
                pace = Long.MAX_VALUE >>> 33;
            }
            long wmem = (long) sk.packetsOut * sk.mssCache;
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
}
