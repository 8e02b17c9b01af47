package org.mptcpsim.sched;

import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.Subflow;

/**
 * Availability tests of the out-of-tree schedulers ({@code net/mptcp/mptcp_sched.c}
 * {@code mptcp_is_available}, and {@code mptcp_rr.c} {@code mptcp_rr_is_available} whose cwnd
 * test is optional; kernel-reference §6.1, §6.3). The simulator has no per-subflow send queue
 * ({@code write_seq == snd_nxt}), so the "queued bytes fill the cwnd" test never triggers; the
 * subflow's receive window stands for {@code tcp_snd_wnd_test} of the transmit path.
 */
final class Availability {
    private Availability() {
    }

    /**
     * {@code mptcp_rr_is_available(sk, skb, false, cwndTest)}: can send, not pre-established, not
     * potentially failed, not in Loss (SACK), in-order data before full establishment, and (if
     * {@code cwndTest}) room in the congestion window.
     */
    static boolean available(MptcpConnection meta, Subflow s, long dsn, boolean cwndTest) {
        if (MptcpConnection.isDefUnavailable(s)) {
            return false;
        }
        if (s.sk.caState == CaState.LOSS) {
            return false;
        }
        if (!meta.fullyEstablished() && s.dataSegmentsSent() > 0 && dsn != meta.sndNxt()) {
            return false;
        }
        if (cwndTest && s.sk.packetsInFlight() >= s.sk.sndCwnd) {
            return false;
        }
        return s.unackedCount() + 1 <= s.peerWindow();
    }
}
