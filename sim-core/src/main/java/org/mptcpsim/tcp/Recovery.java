package org.mptcpsim.tcp;

import static org.mptcpsim.tcp.Scoreboard.EVER_RETRANS;
import static org.mptcpsim.tcp.Scoreboard.LOST;
import static org.mptcpsim.tcp.Scoreboard.RETRANS;
import static org.mptcpsim.tcp.Scoreboard.SACKED;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.trace.TraceSink;

/**
 * Loss detection and the congestion state machine of one sender, the job of the kernel's
 * {@code tcp_fastretrans_alert} ({@code net/ipv4/tcp_input.c}) on the SACK + RACK paths Linux takes
 * by default: RACK loss marking ({@code tcp_rack_mark_lost} / {@code tcp_rack_detect_loss},
 * {@code net/ipv4/tcp_recovery.c}), entering and leaving Recovery ({@code tcp_enter_recovery},
 * {@code tcp_end_cwnd_reduction}) and Loss ({@code tcp_enter_loss}), and Proportional Rate Reduction
 * ({@code tcp_cwnd_reduction}, RFC 6937). No undo (DSACK/timestamps never show a spurious
 * retransmission in the simulator).
 *
 * <p>Works on the socket's counters and the {@link Scoreboard}; when RACK must wait for the
 * reordering window it schedules {@code reoTimer} (the owner's {@code ICSK_TIME_REO_TIMEOUT}
 * handler, which calls {@link #reoTimeout}). Single-threaded.
 */
final class Recovery {
    /** Linux's default {@code tcp_reordering}: the dupthresh. */
    static final int REORDERING = 3;

    private final TcpSock sk;
    private final CongestionControl ca;
    private final Scoreboard sb;
    private final EventLoop loop;
    private final Event reoTimer;
    private final TraceSink trace;
    private final int connIndex;

    /** {@code tp->prr_delivered}. */
    int prrDelivered;
    /** {@code tp->prr_out}. */
    int prrOut;
    /** Times ssthresh was reduced (Recovery entered or an RTO's first Loss). */
    long ssthreshReductions;

    Recovery(TcpSock sk, CongestionControl ca, Scoreboard sb, EventLoop loop, Event reoTimer, TraceSink trace,
             int connIndex) {
        this.sk = sk;
        this.ca = ca;
        this.sb = sb;
        this.loop = loop;
        this.reoTimer = reoTimer;
        this.trace = trace;
        this.connIndex = connIndex;
    }

    /** A segment left ({@code tcp_event_data_sent} / {@code tcp_retransmit_skb}): PRR counts it in a reduction. */
    void onSegmentSent() {
        if (sk.caState == CaState.RECOVERY || sk.caState == CaState.CWR) {
            prrOut++;
        }
    }

    /** {@code tcp_fastretrans_alert} reduced to the SACK + RACK paths Linux takes by default. */
    void fastRetransAlert(long now) {
        int state = sk.caState;
        // D. exit conditions: high_seq acknowledged
        if ((state == CaState.RECOVERY || state == CaState.LOSS) && !TcpCong.before(sk.sndUna, sk.highSeq)) {
            setCaState(CaState.OPEN); // tcp_try_undo_recovery without undo
            if (state == CaState.RECOVERY) {
                endCwndReduction();
            }
            state = CaState.OPEN;
        }
        if (sk.sackedOut > 0 || sk.retransOut > 0 || state >= CaState.RECOVERY) {
            rackMarkLost(now);
        }
        if (state == CaState.OPEN || state == CaState.DISORDER) {
            if (sk.lostOut > 0) {
                enterRecovery();
            } else {
                int want = sk.sackedOut + sk.lostOut > 0 || sk.retransOut > 0 ? CaState.DISORDER : CaState.OPEN;
                if (want != state) {
                    setCaState(want);
                }
            }
        }
    }

    /**
     * {@code tcp_rack_reo_timeout}: the reordering window of a RACK candidate passed; mark what is
     * lost now and, from Open/Disorder, enter Recovery with one PRR step. The caller retransmits.
     */
    void reoTimeout(long now) {
        int lostBefore = sk.lostOut;
        rackMarkLost(now);
        if (sk.lostOut > lostBefore && sk.caState < CaState.RECOVERY) {
            enterRecovery();
            cwndReduction(1, false);
        }
    }

    /**
     * {@code tcp_rack_reo_wnd}: zero in recovery or once dupthresh segments are SACKed (no
     * reordering is ever seen in the simulator), a quarter of min RTT otherwise.
     */
    long reoWndPs() {
        return (sk.caState >= CaState.RECOVERY || sk.sackedOut >= REORDERING)
                ? 0 : Time.us(Math.max(sk.minRttUs, 1) / 4);
    }

    /**
     * RACK ({@code tcp_rack_mark_lost} -> {@code tcp_rack_detect_loss}): a segment is lost once a
     * segment sent after it has been delivered and its RTT plus the reordering window has passed.
     * Schedules the reordering timer for the earliest segment still waiting.
     */
    void rackMarkLost(long now) {
        if (sb.rackXmitPs < 0) {
            return;
        }
        long reoWnd = reoWndPs();
        long wait = detectRetransmissionLoss(now, reoWnd);
        int i = Math.max(sb.rackScan, sb.una);
        // original transmissions, in sequence (= send) order
        for (; i != sb.nxt; i++) {
            int k = i & sb.mask;
            if ((sb.flags[k] & (SACKED | LOST | EVER_RETRANS)) != 0) {
                continue;
            }
            long x = sb.xmitPs[k];
            if (x >= sb.rackXmitPs) {
                break;
            }
            if (x + sb.rackRttPs + reoWnd > now) {
                wait = wait < 0 ? x + sb.rackRttPs + reoWnd : Math.min(wait, x + sb.rackRttPs + reoWnd);
                break;
            }
            sb.markLost(i);
        }
        sb.rackScan = i;
        if (wait >= 0) {
            loop.schedule(reoTimer, wait);
        }
    }

    /**
     * RACK over retransmissions, in retransmission order (the {@code tsorted_sent_queue}): a lost
     * retransmission may be sent again. Returns when to look again, or -1.
     */
    private long detectRetransmissionLoss(long now, long reoWnd) {
        while (sb.rtxHead != sb.rtxTail) {
            int i = sb.rtxFifo[sb.rtxHead & (sb.rtxFifo.length - 1)];
            int k = i & sb.mask;
            if (i - sb.una < 0 || (sb.flags[k] & RETRANS) == 0) {
                sb.rtxHead++;
                continue;
            }
            long x = sb.xmitPs[k];
            if (x < sb.rackXmitPs && x + sb.rackRttPs + reoWnd <= now) {
                sb.markRetransmissionLost(i);
                sb.rtxHead++;
            } else {
                return x < sb.rackXmitPs ? x + sb.rackRttPs + reoWnd : -1;
            }
        }
        return -1;
    }

    /** {@code tcp_enter_recovery} -> {@code tcp_init_cwnd_reduction}. */
    void enterRecovery() {
        sk.priorSsthresh = sk.currentSsthresh();
        sk.highSeq = sk.sndNxt;
        sk.priorCwnd = sk.sndCwnd;
        prrDelivered = 0;
        prrOut = 0;
        sk.sndSsthresh = ca.ssthresh(sk);
        ssthreshReductions++;
        setCaState(CaState.RECOVERY);
        trace.onRecovery(loop.nowPs(), connIndex, sk.id, sk.sndCwnd, sk.sndSsthresh);
    }

    /**
     * {@code tcp_cwnd_reduction}: Proportional Rate Reduction (RFC 6937) for an ACK that delivered
     * {@code newlyAckedSacked} segments; {@code unaAdvanced} = {@code FLAG_SND_UNA_ADVANCED}
     * (the {@code !(flag & FLAG_RETRANS_DATA_ACKED)} / slow-start reduction bound).
     */
    void cwndReduction(int newlyAckedSacked, boolean unaAdvanced) {
        if (newlyAckedSacked <= 0 || sk.priorCwnd == 0) {
            return;
        }
        int delta = sk.sndSsthresh - sk.packetsInFlight();
        prrDelivered += newlyAckedSacked;
        int sndcnt;
        if (delta < 0) {
            long dividend = (long) sk.sndSsthresh * prrDelivered + sk.priorCwnd - 1;
            sndcnt = (int) (dividend / sk.priorCwnd) - prrOut;
        } else if (unaAdvanced) {
            sndcnt = Math.min(delta, Math.max(prrDelivered - prrOut, newlyAckedSacked) + 1);
        } else {
            sndcnt = Math.min(delta, newlyAckedSacked);
        }
        sndcnt = Math.max(sndcnt, prrOut > 0 ? 0 : 1);
        sk.sndCwnd = sk.packetsInFlight() + sndcnt;
    }

    /** {@code tcp_end_cwnd_reduction}. */
    private void endCwndReduction() {
        if (sk.sndSsthresh < TcpSock.INFINITE_SSTHRESH) {
            sk.sndCwnd = sk.sndSsthresh;
            sk.sndCwndStamp = sk.jiffies32();
        }
        ca.cwndEvent(sk, CaEvent.COMPLETE_CWR);
    }

    /**
     * {@code tcp_enter_loss} (called by {@code tcp_retransmit_timer}): on a new loss episode
     * ssthresh from the pre-RTO cwnd and {@code CA_EVENT_LOSS}; every segment not SACKed is lost;
     * cwnd = in flight + 1; state Loss until {@code high_seq} is acknowledged.
     */
    void enterLoss() {
        if (sk.caState <= CaState.DISORDER || !TcpCong.after(sk.highSeq, sk.sndUna)
                || (sk.caState == CaState.LOSS && sk.icskRetransmits == 0)) {
            sk.priorSsthresh = sk.currentSsthresh();
            sk.priorCwnd = sk.sndCwnd;
            sk.sndSsthresh = ca.ssthresh(sk);
            ssthreshReductions++;
            ca.cwndEvent(sk, CaEvent.LOSS);
        }
        sb.markAllLost();
        sk.sndCwnd = sk.packetsInFlight() + 1;
        sk.sndCwndCnt = 0;
        sk.sndCwndStamp = sk.jiffies32();
        sk.highSeq = sk.sndNxt;
        setCaState(CaState.LOSS);
    }

    /** {@code tcp_set_ca_state}: the CC's {@code set_state} hook first, then the state. */
    private void setCaState(int state) {
        ca.setState(sk, state);
        sk.caState = state;
    }
}
