package org.mptcpsim.tcp;

/**
 * The Reno primitives of {@code net/ipv4/tcp_cong.c} ({@code tcp_slow_start}, {@code tcp_cong_avoid_ai},
 * {@code tcp_reno_cong_avoid}, {@code tcp_reno_ssthresh}, {@code tcp_reno_undo_cwnd}) that every
 * congestion control builds on, with the kernel's integer arithmetic.
 */
public final class TcpCong {
    private TcpCong() {
    }

    /**
     * {@code tcp_slow_start}: cwnd grows by {@code acked} up to ssthresh.
     *
     * @return the packets of {@code acked} left over beyond ssthresh
     */
    public static int slowStart(TcpSock sk, int acked) {
        int cwnd = Math.min(sk.sndCwnd + acked, sk.sndSsthresh);
        acked -= cwnd - sk.sndCwnd;
        sk.sndCwnd = Math.min(cwnd, sk.sndCwndClamp);
        return acked;
    }

    /** {@code tcp_cong_avoid_ai}: one packet per {@code w} packets acked ("ABC-like"). */
    public static void congAvoidAi(TcpSock sk, int w, int acked) {
        if (sk.sndCwndCnt >= w) {
            sk.sndCwndCnt = 0;
            sk.sndCwnd++;
        }
        sk.sndCwndCnt += acked;
        if (sk.sndCwndCnt >= w) {
            int delta = sk.sndCwndCnt / w;
            sk.sndCwndCnt -= delta * w;
            sk.sndCwnd += delta;
        }
        sk.sndCwnd = Math.min(sk.sndCwnd, sk.sndCwndClamp);
    }

    /** {@code tcp_reno_cong_avoid}. */
    public static void renoCongAvoid(TcpSock sk, int ack, int acked) {
        if (!sk.isCwndLimited()) {
            return;
        }
        if (sk.inSlowStart()) {
            acked = slowStart(sk, acked);
            if (acked == 0) {
                return;
            }
        }
        congAvoidAi(sk, sk.sndCwnd, acked);
    }

    /** {@code tcp_reno_ssthresh}: max(cwnd &gt;&gt; 1, 2). */
    public static int renoSsthresh(TcpSock sk) {
        return Math.max(sk.sndCwnd >> 1, 2);
    }

    /** {@code tcp_reno_undo_cwnd}: max(cwnd, prior_cwnd). */
    public static int renoUndoCwnd(TcpSock sk) {
        return Math.max(sk.sndCwnd, sk.priorCwnd);
    }

    /** {@code before(seq1, seq2)} on u32 sequence numbers. */
    public static boolean before(int seq1, int seq2) {
        return seq1 - seq2 < 0;
    }

    /** {@code after(seq2, seq1)} on u32 sequence numbers. */
    public static boolean after(int seq1, int seq2) {
        return before(seq2, seq1);
    }
}
