package org.mptcpsim.cc;

import org.mptcpsim.tcp.TcpSock;

/**
 * The per-ACK window counter LIA and BALIA share ({@code mptcp_ccc_cong_avoid},
 * {@code mptcp_balia_cong_avoid}): each congestion-avoidance ACK adds one to {@code snd_cwnd_cnt}
 * regardless of how many packets it acknowledged; the ACK that finds the counter at
 * {@code threshold} (u32 compare) adds one packet to cwnd, below the clamp, and resets it — so
 * cwnd grows by one every {@code threshold + 1} ACKs.
 */
final class AckCounter {
    private AckCounter() {
    }

    /** One ACK's step; returns true when cwnd grew (the caller then recomputes its coupling). */
    static boolean step(TcpSock sk, int threshold) {
        if (Integer.compareUnsigned(sk.sndCwndCnt, threshold) >= 0) {
            boolean grew = sk.sndCwnd < sk.sndCwndClamp;
            if (grew) {
                sk.sndCwnd++;
            }
            sk.sndCwndCnt = 0;
            return grew;
        }
        sk.sndCwndCnt++;
        return false;
    }
}
