package org.mptcpsim.tcp;

/**
 * Linux's RTT estimator and RTO ({@code net/ipv4/tcp_input.c}: {@code tcp_rtt_estimator},
 * {@code tcp_set_rto}; RFC 6298 with Linux's mdev_max/rttvar variant): srtt in 1/8 µs, mdev and
 * rttvar in µs, rttvar never below {@code rto_min} within a window, RTO rounded up to jiffies
 * (HZ=1000) and capped at {@code TCP_RTO_MAX}. Works on the socket's fields; no state of its own.
 */
public final class RttEstimator {
    private RttEstimator() {
    }

    /** {@code tcp_rtt_estimator}: folds one RTT sample {@code mrttUs} into srtt, mdev and rttvar. */
    public static void sample(TcpSock sk, long mrttUs, int rtoMinUs) {
        long m = Math.max(1, mrttUs);
        if (m < sk.minRttUs) {
            sk.minRttUs = (int) Math.min(Integer.MAX_VALUE, m);
        }
        long srtt = sk.srttUs & 0xffffffffL;
        if (srtt != 0) {
            m -= srtt >> 3;          // m is now the error in the estimate
            srtt += m;               // srtt = 7/8 srtt + 1/8 new
            if (m < 0) {
                m = -m;
                m -= sk.mdevUs >> 2;
                if (m > 0) {
                    m >>= 3;         // a decrease of the RTT moves mdev 8 times slower
                }
            } else {
                m -= sk.mdevUs >> 2;
            }
            sk.mdevUs += (int) m;    // mdev = 3/4 mdev + 1/4 |error|
            if (sk.mdevUs > sk.mdevMaxUs) {
                sk.mdevMaxUs = sk.mdevUs;
                if (sk.mdevMaxUs > sk.rttvarUs) {
                    sk.rttvarUs = sk.mdevMaxUs;
                }
            }
            if (TcpCong.after(sk.sndUna, sk.rttSeq)) {
                // once per window: rttvar decays towards the window's largest mdev
                if (sk.mdevMaxUs < sk.rttvarUs) {
                    sk.rttvarUs -= (sk.rttvarUs - sk.mdevMaxUs) >> 2;
                }
                sk.rttSeq = sk.sndNxt;
                sk.mdevMaxUs = rtoMinUs;
            }
        } else {
            srtt = m << 3;           // first sample
            sk.mdevUs = (int) (m << 1);
            sk.rttvarUs = Math.max(sk.mdevUs, rtoMinUs);
            sk.mdevMaxUs = sk.rttvarUs;
            sk.rttSeq = sk.sndNxt;
        }
        sk.srttUs = (int) Math.max(1, srtt);
    }

    /**
     * {@code tcp_set_rto}: srtt + rttvar, rounded up to whole jiffies (1 ms), at least
     * {@code rtoMinUs}, at most 120 s. Linux calls it only after an RTT sample (its rttvar is then
     * at least {@code rto_min}); the lower clamp makes an RTO of 0 impossible whatever the caller.
     */
    public static void setRto(TcpSock sk, int rtoMinUs) {
        long us = (sk.srttUs >>> 3) + (long) sk.rttvarUs;
        long jiffiesUs = (us + 999) / 1000 * 1000;
        sk.icskRtoUs = Math.max(rtoMinUs, Math.min(jiffiesUs, TcpConfig.RTO_MAX_US));
    }


    /**
     * What {@code tcp_init_metrics} (called from {@code tcp_init_transfer} when the handshake
     * completes) does when the handshake gave no RTT sample (srtt 0) and no cached metrics exist:
     * RFC 6298 §5.7, rttvar = mdev = mdev_max = 3 s and RTO = 3 s. With a sample it leaves the
     * RTO {@code tcp_set_rto} computed. No-op when srtt is set.
     */
    public static void initWithoutSample(TcpSock sk) {
        if (sk.srttUs != 0) {
            return;
        }
        sk.rttvarUs = TcpConfig.TIMEOUT_FALLBACK_US;
        sk.mdevUs = TcpConfig.TIMEOUT_FALLBACK_US;
        sk.mdevMaxUs = TcpConfig.TIMEOUT_FALLBACK_US;
        sk.icskRtoUs = TcpConfig.TIMEOUT_FALLBACK_US;
    }

    /**
     * {@code tcp_rtt_tsopt_us} on the ACK path: the RTT from an echoed timestamp, in the
     * timestamp clock's millisecond ticks ({@code TCP_TS_HZ} = 1000), at least one tick.
     */
    public static long tsoptUs(long nowPs, long tsEcrPs) {
        long delta = nowPs / 1_000_000_000L - tsEcrPs / 1_000_000_000L;
        return Math.max(1, delta) * 1000;
    }
}
