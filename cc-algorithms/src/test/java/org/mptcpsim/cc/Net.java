package org.mptcpsim.cc;

import org.mptcpsim.core.Clock;
import org.mptcpsim.core.Time;
import org.mptcpsim.tcp.CaEvent;
import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.tcp.TcpState;

/**
 * Test fixture: a manual clock and sockets wired like the subflow engine wires them, plus the
 * kernel's hook sequences (tcp_input.c tcp_ack → tcp_cong_control → cong_avoid; tcp_enter_recovery → ssthresh) so tests call hooks in kernel order.
 */
final class Net implements Clock {
    /** Typical Ethernet MSS. */
    static final int MSS = 1448;

    long nowPs;

    @Override
    public long nowPs() {
        return nowPs;
    }

    void advanceUs(long us) {
        nowPs += Time.us(us);
    }

    void advanceMs(long ms) {
        nowPs += Time.ms(ms);
    }

    /** A plain TCP socket, ESTABLISHED. */
    TcpSock tcp(int cwnd, int srttUs) {
        return sock(null, 0, cwnd, srttUs);
    }

    /** A new subflow attached at the head of {@code mpcb} (newest first), ESTABLISHED. */
    TcpSock subflow(MptcpCb mpcb, int cwnd, int srttUs) {
        TcpSock sk = sock(mpcb, mpcb.subflowCount(), cwnd, srttUs);
        mpcb.addSubflow(sk);
        return sk;
    }

    private TcpSock sock(MptcpCb mpcb, int id, int cwnd, int srttUs) {
        TcpSock sk = new TcpSock(this, mpcb, id, MSS);
        sk.state = TcpState.ESTABLISHED;
        sk.sndCwnd = cwnd;
        sk.srttUs = srttUs;
        sk.maxPacketsOut = cwnd;
        sk.isCwndLimitedFlag = true;
        return sk;
    }

    /** Puts a socket in congestion avoidance: ssthresh below cwnd. */
    static void ca(TcpSock sk, int ssthresh) {
        sk.sndSsthresh = ssthresh;
    }

    /** Fast retransmit ({@code tcp_init_cwnd_reduction}): ssthresh, then set_state(Recovery). */
    static void fastRetransmit(TcpSock sk, CongestionControl cc) {
        sk.priorCwnd = sk.sndCwnd;
        sk.sndSsthresh = cc.ssthresh(sk);
        cc.setState(sk, CaState.RECOVERY);
        sk.caState = CaState.RECOVERY;
    }

    /**
     * RTO ({@code tcp_enter_loss}): ssthresh with the pre-RTO cwnd, CA_EVENT_LOSS (still the
     * pre-RTO cwnd), cwnd = in flight + 1 = 1, set_state(Loss).
     */
    static void rto(TcpSock sk, CongestionControl cc) {
        sk.priorCwnd = sk.sndCwnd;
        sk.sndSsthresh = cc.ssthresh(sk);
        cc.cwndEvent(sk, CaEvent.LOSS);
        sk.sndCwnd = 1;
        sk.sndCwndCnt = 0;
        cc.setState(sk, CaState.LOSS);
        sk.caState = CaState.LOSS;
    }

    /** N ACKs of one packet each through cong_avoid. */
    static void acks(TcpSock sk, CongestionControl cc, int n) {
        for (int i = 0; i < n; i++) {
            cc.congAvoid(sk, sk.sndUna, 1);
        }
    }
}
