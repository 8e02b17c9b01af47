package org.mptcpsim.sched;

import org.mptcpsim.mptcp.Decision;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;

/**
 * The skeleton every scheduler shares, {@code mptcp_next_segment} / {@code __mptcp_next_segment}
 * ({@code net/mptcp/mptcp_sched.c}): the head of the reinjection queue first, sent again on the
 * subflow {@link #reinjectSubflow} picks; else the next new segment, on the subflow
 * {@link #availableSubflow} picks, if the connection-level window admits it
 * ({@code tcp_snd_wnd_test} on the meta socket in {@code mptcp_write_xmit}).
 *
 * <p>A scheduler writes {@link #availableSubflow}, the kernel's {@code get_subflow} hook. The
 * others are optional: a different subflow choice for reinjections ({@code mptcp_rr.c}), what to
 * do when the window blocks the new segment ({@link #windowBlocked}: the default scheduler's
 * receive-buffer optimisation), or a whole different choice of new segment ({@link #newData}:
 * {@code mptcp_redundant.c}, which offers each subflow its own next segment).
 */
public abstract class SegmentScheduler implements PacketScheduler {
    private final String name;
    private final boolean chooseWhenBlocked;

    /**
     * @param chooseWhenBlocked whether a subflow is chosen even when the window blocks the new
     *                          segment (so {@link #windowBlocked} can act on it); otherwise the
     *                          window is tested first and a blocked segment chooses nothing
     */
    protected SegmentScheduler(String name, boolean chooseWhenBlocked) {
        this.name = name;
        this.chooseWhenBlocked = chooseWhenBlocked;
    }

    /** The window is tested before a subflow is chosen. */
    protected SegmentScheduler(String name) {
        this(name, false);
    }

    @Override
    public final String name() {
        return name;
    }

    /** The subflow to send data sequence {@code dsn} on, or {@code null} to send nothing now. */
    protected abstract SubflowView availableSubflow(SchedulerView meta, long dsn);

    /** The subflow for reinjected segment {@code dsn}; by default {@link #availableSubflow}. */
    protected SubflowView reinjectSubflow(SchedulerView meta, long dsn) {
        return availableSubflow(meta, dsn);
    }

    /**
     * The window blocks new data and {@code s} would have sent it (only with
     * {@code chooseWhenBlocked}). Returns another decision, or {@code null} (the default).
     */
    protected Decision windowBlocked(SchedulerView meta, SubflowView s, Decision out) {
        return null;
    }

    @Override
    public final Decision nextSegment(SchedulerView meta, Decision out) {
        long dsn = meta.reinjectHead();
        if (dsn >= 0) {
            SubflowView s = reinjectSubflow(meta, dsn);
            return s == null ? null : out.send(s, dsn, true);
        }
        return newData(meta, out);
    }

    /** The decision for new data (no reinjection is queued). */
    protected Decision newData(SchedulerView meta, Decision out) {
        long dsn = meta.sendHead();
        if (dsn < 0) {
            return null;
        }
        boolean fits = meta.sendWindowAllows(dsn);
        if (!fits && !chooseWhenBlocked) {
            return null;
        }
        SubflowView s = availableSubflow(meta, dsn);
        if (s == null) {
            return null;
        }
        return fits ? out.send(s, dsn, false) : windowBlocked(meta, s, out);
    }
}
