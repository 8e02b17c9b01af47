package org.mptcpsim.tcp;

/**
 * {@code net.ipv4.tcp_slow_start_after_idle} (default 1): a sender that has been idle for longer
 * than an RTO restarts from a smaller window before it sends again.
 *
 * <p>The kernel's check runs when a new skb joins the write queue ({@code tcp_skb_entail} in
 * net/ipv4/tcp.c calls {@code tcp_slow_start_after_idle_check}, net/ipv4/tcp_output.c; upstream
 * MPTCP entails every data skb on the subflow it was scheduled on, so the check is per subflow).
 * The simulator makes it when a new segment is put on a subflow with nothing outstanding.
 */
public final class IdleRestart {
    private IdleRestart() {
    }

    /**
     * {@code tcp_slow_start_after_idle_check}: with nothing in flight ({@code packets_out == 0})
     * and {@code tcp_jiffies32 - lsndtime > icsk_rto}, {@code tcp_cwnd_restart}. (Congestion
     * controls with their own {@code cong_control} skip it; none of the simulated ones has one.)
     *
     * @return whether the window was restarted
     */
    public static boolean check(TcpSock sk, CongestionControl ca) {
        if (sk.packetsOut != 0) {
            return false;
        }
        int delta = sk.jiffies32() - sk.lsndtime;
        // icsk_rto is kept in jiffies (HZ = 1000: ms) by the kernel, in microseconds here
        int rto = (int) (sk.icskRtoUs / 1000);
        if (delta > rto) {
            cwndRestart(sk, ca, delta, rto);
            return true;
        }
        return false;
    }

    /**
     * {@code tcp_cwnd_restart} (net/ipv4/tcp_output.c): CA_EVENT_CWND_RESTART, ssthresh =
     * {@code tcp_current_ssthresh}, then cwnd halves once per RTO of idle time beyond the first,
     * not below the restart window {@code min(tcp_init_cwnd, cwnd)} (TCP_INIT_CWND = 10: no
     * route {@code initcwnd} in the simulator).
     */
    static void cwndRestart(TcpSock sk, CongestionControl ca, int delta, int rto) {
        int restartCwnd = TcpSock.INIT_CWND;
        int cwnd = sk.sndCwnd;
        ca.cwndEvent(sk, CaEvent.CWND_RESTART);
        sk.sndSsthresh = sk.currentSsthresh();
        restartCwnd = Math.min(restartCwnd, cwnd);
        while ((delta -= rto) > 0 && cwnd > restartCwnd) {
            cwnd >>= 1;
        }
        sk.sndCwnd = Math.max(cwnd, restartCwnd);
        sk.sndCwndStamp = sk.jiffies32();
    }
}
