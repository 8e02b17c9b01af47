package org.mptcpsim.cc;

import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;

/**
 * The HyStart half of cubic's per-socket state (the tail of {@code struct bictcp} in
 * net/ipv4/tcp_cubic.c, mainline 6.x) and its functions {@code bictcp_hystart_reset},
 * {@code hystart_ack_delay} and {@code hystart_update}. Paper: Ha, Rhee, "Taming the elephants:
 * New TCP slow start", Computer Networks 2011. Times are {@code tcp_mstamp} µs truncated to u32.
 * Owned by one {@link Cubic}; single-threaded.
 */
final class HyStart {
    static final int ACK_TRAIN = 0x1;
    static final int DELAY = 0x2;
    /** {@code HYSTART_MIN_SAMPLES}: delay samples per round before testing. */
    static final int MIN_SAMPLES = 8;
    /** {@code HYSTART_DELAY_MIN} / {@code HYSTART_DELAY_MAX}: clamp of the delay margin, µs. */
    static final int DELAY_MIN = 4000;
    static final int DELAY_MAX = 16000;
    static final long USEC_PER_MSEC = 1000;
    static final long USEC_PER_SEC = 1_000_000;

    private final int hystartDetect;
    private final int hystartLowWindow;
    private final int hystartAckDeltaUs;

    /** u8: samples taken this round. */
    int sampleCnt;
    /** The slow-start exit point was found. */
    boolean found;
    /** u32 µs: start of the current round. */
    int roundStart;
    /** u32 sequence: the round ends when snd_una passes it. */
    int endSeq;
    /** u32 µs: last ACK of the current train. */
    int lastAck;
    /** u32 µs: minimum RTT of the current round. */
    int currRtt;

    HyStart(int hystartDetect, int hystartLowWindow, int hystartAckDeltaUs) {
        this.hystartDetect = hystartDetect;
        this.hystartLowWindow = hystartLowWindow;
        this.hystartAckDeltaUs = hystartAckDeltaUs;
    }

    /** {@code bictcp_hystart_reset}: a new round starts now and ends at snd_nxt. */
    void reset(TcpSock sk) {
        roundStart = (int) sk.nowUs();
        lastAck = roundStart;
        endSeq = sk.sndNxt;
        currRtt = ~0;
        sampleCnt = 0;
    }

    /** {@code hystart_ack_delay}: TSO/GRO cushion, min(1 ms, 4 GSO bursts at the pacing rate). */
    static long ackDelay(TcpSock sk) {
        long rate = sk.skPacingRate;
        if (rate == 0) {
            return 0;
        }
        long d = U64.div(Integer.toUnsignedLong(sk.skGsoMaxSize) * 4 * USEC_PER_SEC,
                rate);
        return Long.compareUnsigned(d, USEC_PER_MSEC) < 0 ? d : USEC_PER_MSEC;
    }

    /**
     * {@code hystart_update} (6.x, with the round-start fix: the round restarts before the
     * low-window test). On detection sets ssthresh = cwnd and {@link #found}.
     */
    void update(TcpSock sk, int delay, int delayMin) {
        if (TcpCong.after(sk.sndUna, endSeq)) {
            reset(sk);
        }
        if (Integer.compareUnsigned(sk.sndCwnd, hystartLowWindow) < 0) {
            return;
        }
        if ((hystartDetect & ACK_TRAIN) != 0) {
            int now = (int) sk.nowUs();
            if (now - lastAck <= hystartAckDeltaUs) {
                lastAck = now;
                int threshold = (int) (Integer.toUnsignedLong(delayMin) + ackDelay(sk));
                if (!sk.skPacingActive) {
                    threshold >>>= 1; // no pacing: the train may span only delay_min/2
                }
                // (s32)(now - round_start) > threshold compares as u32 in C
                if (Integer.compareUnsigned(now - roundStart, threshold) > 0) {
                    found = true;
                    sk.sndSsthresh = sk.sndCwnd;
                }
            }
        }
        if ((hystartDetect & DELAY) != 0) {
            if (Integer.compareUnsigned(currRtt, delay) > 0) {
                currRtt = delay;
            }
            if (sampleCnt < MIN_SAMPLES) {
                sampleCnt++;
            } else {
                int margin = Math.min(Math.max(delayMin >>> 3, DELAY_MIN), DELAY_MAX);
                if (Integer.compareUnsigned(currRtt, delayMin + margin) > 0) {
                    found = true;
                    sk.sndSsthresh = sk.sndCwnd;
                }
            }
        }
    }
}
