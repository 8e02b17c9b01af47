package org.mptcpsim.tcp;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;

/**
 * The retransmission timer of one subflow ({@code ICSK_TIME_RETRANS}, {@code net/ipv4/tcp_timer.c}):
 * the RTO itself is RFC 6298 with Linux's estimator ({@link RttEstimator}, {@code tcp_set_rto}),
 * {@code TCP_RTO_MIN} as the floor and exponential backoff capped at {@code TCP_RTO_MAX}
 * ({@link #backoff}, as {@code tcp_retransmit_timer} does it).
 *
 * <p>Re-arming on every ACK ({@code tcp_rearm_rto}) only moves {@link #deadline}; the event stays
 * where it is and, when it fires early, re-schedules itself at the deadline (a lazy re-arm: one
 * event-queue operation per RTO rather than per ACK). An earlier deadline re-schedules at once.
 * On expiry it calls the subflow's {@code tcp_retransmit_timer}.
 */
final class RtoTimer extends Event {
    private final Subflow sf;
    private final EventLoop loop;
    private final TcpSock sk;
    /** When the timer is due; {@code Long.MAX_VALUE} = not armed. */
    private long deadline = Long.MAX_VALUE;
    /** {@code retrans_stamp}: the first retransmission of the current RTO series. */
    private long retransStampPs;
    /** {@code tcp_model_timeout(tcp_retries2, TCP_RTO_MIN)}: fixed by the config, computed once. */
    private final long writeTimeoutPs;

    RtoTimer(Subflow sf, EventLoop loop) {
        this.sf = sf;
        this.loop = loop;
        this.sk = sf.sk;
        this.writeTimeoutPs = Time.ms(WriteTimeout.modelTimeoutMs(sf.cfg.retries2(), sf.cfg.rtoMinUs() / 1000));
    }

    /** {@code inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, ...)} at an absolute time. */
    void arm(long deadlinePs) {
        deadline = deadlinePs;
        if (!isScheduled() || scheduledTime() > deadlinePs) {
            loop.schedule(this, deadlinePs);
        }
    }

    /** {@code tcp_rearm_rto} / {@code tcp_reset_xmit_timer}: due one current RTO from {@code now}. */
    void restart(long now) {
        arm(now + Time.us(sk.icskRtoUs));
    }

    /** {@code inet_csk_clear_xmit_timer} (lazily: the pending event finds no deadline). */
    void clear() {
        deadline = Long.MAX_VALUE;
    }

    /** Whether the timer is armed. */
    boolean armed() {
        return deadline != Long.MAX_VALUE;
    }

    /** Disarms and removes the pending event (the socket is closed). */
    void stop() {
        deadline = Long.MAX_VALUE;
        loop.cancel(this);
    }

    /** Linux's backoff at a timeout: {@code icsk_backoff++}, {@code icsk_rto = min(icsk_rto << 1, TCP_RTO_MAX)}. */
    void backoff() {
        sk.icskBackoff++;
        sk.icskRtoUs = Math.min(sk.icskRtoUs << 1, TcpConfig.RTO_MAX_US);
    }

    /**
     * {@code tcp_write_timeout} at an expiry: whether TCP gives up ({@link WriteTimeout}). SYN_SENT:
     * {@code icsk_retransmits >= tcp_syn_retries}; otherwise {@code retransmits_timed_out(sk,
     * tcp_retries2, 0)}, the series starting at the first retransmission ({@code retrans_stamp}).
     */
    boolean writeTimedOut(long now) {
        if (sk.state == TcpState.SYN_SENT) {
            return sk.icskRetransmits >= sf.cfg.synRetries();
        }
        if (sk.icskRetransmits == 0) {
            retransStampPs = now;   // the retransmission that follows is the first of the series
            return false;
        }
        return now - retransStampPs >= writeTimeoutPs;
    }

    @Override
    public String describe() {
        return "connection #" + sf.connIndex + " subflow " + sk.id + " retransmission timer (RTO " + sk.icskRtoUs
                + " us)";
    }

    @Override
    protected void onEvent(long now) {
        if (deadline == Long.MAX_VALUE || sf.isClosed()) {
            return;
        }
        if (now < deadline) {
            loop.schedule(this, deadline); // lazily re-armed by ACKs
            return;
        }
        deadline = Long.MAX_VALUE;
        sf.retransmitTimer(now);
    }
}
