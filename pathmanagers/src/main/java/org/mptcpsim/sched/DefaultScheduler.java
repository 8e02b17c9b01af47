package org.mptcpsim.sched;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.Decision;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.SchedulerView;
import org.mptcpsim.mptcp.SubflowView;
import org.mptcpsim.tcp.CaState;

/**
 * The out-of-tree kernel's default scheduler ({@code net/mptcp/mptcp_sched.c}:
 * {@code mptcp_next_segment}, {@code get_available_subflow}, {@code get_subflow_from_selectors}):
 * reinjections first, then new data; the subflow as {@link SubflowSelector#available} chooses it.
 *
 * <p>When the connection-level window blocks new data, the receive-buffer optimisation
 * ({@code mptcp_rcv_buf_optimization}) runs for the subflow that would have sent it: once per
 * its srtt it halves the window of a slower subflow holding up the oldest unacknowledged data
 * (penalisation), and it retransmits that data on the faster subflow when the slow one is much
 * slower (4 x srtt) or has a tiny window (opportunistic retransmission).
 */
public final class DefaultScheduler extends SegmentScheduler {
    public static final String NAME = "default";
    /** {@code last_rbuf_opti} per subflow id, jiffies. */
    private final SubflowState lastRbufOpti = new SubflowState(0);

    public DefaultScheduler() {
        super(NAME, true);
    }

    @Override
    protected SubflowView availableSubflow(SchedulerView meta, long dsn) {
        return SubflowSelector.available(meta, dsn);
    }

    @Override
    protected Decision windowBlocked(SchedulerView meta, SubflowView s, Decision out) {
        long old = rcvBufOptimization(meta, s);
        return old < 0 ? null : out.send(s, old, true); // a meta-level retransmission
    }

    /**
     * {@code mptcp_rcv_buf_optimization} with penalisation, for the subflow {@code chosen} that the
     * blocked segment would have used. Returns the data sequence to retransmit on it, or -1.
     */
    private long rcvBufOptimization(SchedulerView meta, SubflowView chosen) {
        long una = meta.dataUna();
        if (una >= meta.sndNxt()) {
            return -1;
        }
        long mask = meta.pathMask(una);
        int id = chosen.id();
        int now = chosen.jiffies32();
        int srttJiffies = (int) (((chosen.srttUs() >>> 3) + 999L) / 1000);
        if (now - (int) lastRbufOpti.get(id) >= srttJiffies) {
            // penalise the first other subflow that carried the oldest unacknowledged segment, if slower
            for (int i = 0; i < meta.subflowCount(); i++) {
                SubflowView o = meta.subflowAt(i);
                if (o == chosen || (mask & o.bit()) == 0) {
                    continue;
                }
                if (Integer.compareUnsigned(chosen.srttUs(), o.srttUs()) < 0 && o.caState() == CaState.OPEN) {
                    o.penalise();
                    lastRbufOpti.set(id, now);
                }
                break;
            }
        }
        // opportunistic retransmission of a segment the chosen subflow has not carried yet
        if ((mask & chosen.bit()) != 0) {
            return -1;
        }
        boolean retrans = false;
        for (int i = 0; i < meta.subflowCount(); i++) {
            SubflowView o = meta.subflowAt(i);
            if (o == chosen || (mask & o.bit()) == 0) {
                continue;
            }
            if (o.cwnd() <= 4) {
                retrans = true;
                break;
            }
            if (4L * (chosen.srttUs() & 0xffffffffL) >= (o.srttUs() & 0xffffffffL)) {
                retrans = false;
                break;
            }
            retrans = true;
        }
        return retrans && !chosen.tempUnavailable(una) ? una : -1;
    }

    /** Registers {@code default}. */
    public static final class Factory implements PacketSchedulerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.MPTCP_V095); // the out-of-tree default (mptcp_sched.c); upstream registers its own default
        }

        @Override
        public PacketScheduler create(KernelParams params) {
            return new DefaultScheduler();
        }
    }
}
