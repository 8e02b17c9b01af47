package org.mptcpsim.tcp;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.trace.TraceSink;

/**
 * The sending side of one TCP connection or MPTCP subflow, behaving like Linux's TCP sender
 * ({@code net/ipv4/tcp_input.c}, {@code tcp_output.c}, {@code tcp_timer.c}, {@code tcp_recovery.c}):
 * one-MSS segments and the congestion-control hooks
 * in kernel order (see {@link CongestionControl}). Its parts are the kernel's own:
 * <ul>
 * <li>{@link Handshake}: SYN, SYN/ACK and MP_JOIN's third and fourth ACK;</li>
 * <li>{@link Scoreboard}: the retransmission queue and SACK tagging;</li>
 * <li>{@link Recovery}: RACK loss marking, PRR, Recovery and Loss ({@code tcp_fastretrans_alert});</li>
 * <li>{@link RtoTimer}: the retransmission timer (RFC 6298, 200 ms minimum, exponential backoff)
 * and {@link ReoTimer}, RACK's reordering timer;</li>
 * <li>{@link SmallQueues}: TCP Small Queues, where the scenario models them.</li>
 * </ul>
 * It receives ACKs as a {@link PacketSink}. Single-threaded.
 */
public final class Subflow implements PacketSink {
    public final TcpSock sk;
    public final CongestionControl ca;
    public final TcpConfig cfg;
    /** Index of the owning connection in the run (for traces). */
    public final int connIndex;
    private final EventLoop loop;
    private final PacketPool pool;
    private final TraceSink trace;
    private final SubflowOwner owner;
    private PacketSink[] dataRoute;

    private final Scoreboard sb;
    private final Recovery recovery;
    private final RtoTimer rto;
    private final ReoTimer reoTimer = new ReoTimer(this);
    private final SmallQueues tsq;   // null: TCP Small Queues not modelled (sim.tsq_resume_us 0)
    private final Handshake handshake;

    private int peerWindow = Integer.MAX_VALUE;
    private long tsRecent; // the peer's last timestamp, echoed on data (its tcp_rcv_rtt_measure_ts)
    private int maxPacketsSeq;

    private long retransmits;   // statistics
    private long dataSegmentsSent;
    private long closedPs = -1;
    private boolean closed;
    /** {@code tcp_slow_start_after_idle} applies (application-limited connections only). */
    private boolean idleRestart;

    public Subflow(EventLoop loop, PacketPool pool, TraceSink trace, SubflowOwner owner, TcpSock sk,
                   CongestionControl ca, TcpConfig cfg, int connIndex, int isn) {
        this.loop = loop;
        this.pool = pool;
        this.trace = trace;
        this.owner = owner;
        this.sk = sk;
        this.ca = ca;
        this.cfg = cfg;
        this.connIndex = connIndex;
        this.sb = new Scoreboard(sk, isn);
        this.recovery = new Recovery(sk, ca, sb, loop, reoTimer, trace, connIndex);
        this.rto = new RtoTimer(this, loop);
        this.tsq = cfg.tsqResumeUs() <= 0 ? null : new SmallQueues(loop, cfg.tsqResumeUs(), cfg.flavour(), isn, this::resumeSending,
                "connection #" + connIndex + " subflow " + sk.id + " TSQ resume");
        this.handshake = new Handshake(sk, cfg, loop, pool, rto);
        sk.sndUna = isn;
        sk.sndNxt = isn;
        sk.writeSeq = isn;
        sk.icskRtoUs = cfg.rtoInitUs();
        sk.flavour = cfg.flavour();
    }

    /** {@code net.ipv4.tcp_slow_start_after_idle} ({@link IdleRestart}): set for application-limited connections when the sysctl is 1 (a bulk sender is never idle). */
    public void setIdleRestart(boolean on) {
        this.idleRestart = on;
    }

    /** The peer's {@link SubflowReceiver}: the last sink of the data route (null before {@link #setRoute}). */
    public PacketSink peer() {
        return dataRoute == null ? null : dataRoute[dataRoute.length - 1];
    }

    /** Sets the route of data segments; its last sink is the peer's {@link SubflowReceiver}. */
    public void setRoute(PacketSink[] route) {
        this.dataRoute = route;
        handshake.route = route;
    }

    // ------------------------------------------------------------------ handshake

    /** Sends the SYN (MP_CAPABLE or MP_JOIN). */
    public void connect() {
        handshake.connect();
    }

    /** The SYN/ACK ({@code tcp_rcv_synsent_state_process}); then the CC and the owner hear of it. */
    private void onSynAck(Packet p) {
        if (sk.state != TcpState.SYN_SENT) {
            return;
        }
        peerWindow = p.rwnd;
        tsRecent = p.tsVal;   // tcp_rcv_synsent_state_process: tcp_store_ts_recent, so the first data echoes the SYN/ACK
        handshake.onSynAck(p);
        if (idleRestart) {
            sk.lsndtime = sk.jiffies32();   // tcp_finish_connect: no restart on the first data packet
        }
        ca.init(sk);
        trace.onSubflowEstablished(loop.nowPs(), connIndex, sk.id);
        owner.onEstablished(this);
        if (!sk.preEstablished) {
            owner.onCanSend(this);
        }
    }

    // ------------------------------------------------------------------ sending

    /** Whether cwnd and the peer's window allow one more new segment now. */
    public boolean canSendNew() {
        return sk.canSend() && !closed && sk.packetsInFlight() < sk.sndCwnd && sb.nxt - sb.una < peerWindow && !tsqThrottled();
    }

    /** TSQ holds this subflow back ({@code TSQ_THROTTLED}; a resumption is scheduled). */
    public boolean tsqThrottled() { return tsq != null && !tsq.mayQueue(sk); }

    /** TSQ let this subflow queue again ({@code tcp_tsq_handler}): the owner sends what cwnd allows. */
    void resumeSending() {
        if (!closed) owner.onCanSend(this);
    }

    /** Whether the congestion window has room ({@code tcp_cwnd_test}). */
    public boolean cwndRoom() {
        return sk.packetsInFlight() < sk.sndCwnd;
    }

    /** Sends a new segment carrying data sequence {@code dsn} ({@code tcp_write_xmit}, {@code tcp_cwnd_validate}). */
    public void sendNew(long dsn) {
        int i = sb.append(dsn);
        sk.sndNxt = sb.seq(sb.nxt);
        sk.writeSeq = sk.sndNxt;
        if (idleRestart) {
            IdleRestart.check(sk, ca);  // tcp_skb_entail -> tcp_slow_start_after_idle_check
        }
        boolean idle = sk.packetsInFlight() == 0;
        sk.packetsOut++;
        transmit(i, idle);
        if (sk.packetsOut > sk.maxPacketsOut || !TcpCong.before(sk.sndUna, maxPacketsSeq)) {
            sk.maxPacketsOut = sk.packetsOut;
            maxPacketsSeq = sk.sndNxt;
            sk.isCwndLimitedFlag = sk.packetsInFlight() >= sk.sndCwnd;
        } else if (sk.packetsInFlight() >= sk.sndCwnd) {
            sk.isCwndLimitedFlag = true;
        }
    }

    /**
     * Puts segment {@code i} on the wire. As {@code tcp_event_data_sent} does, a transmission that
     * finds nothing in flight ({@code idle}, evaluated before this segment is counted) first raises
     * {@code CA_EVENT_TX_START}, then {@code lsndtime} records the send.
     */
    private void transmit(int i, boolean idle) {
        long now = loop.nowPs();
        int k = i & sb.mask;
        sb.xmitPs[k] = now;
        recovery.onSegmentSent();
        if (idle) {
            ca.cwndEvent(sk, CaEvent.TX_START);
        }
        sk.lsndtime = (int) (now / Time.PS_PER_MS);
        dataSegmentsSent++;
        Packet p = pool.take();
        p.type = Packet.DATA;
        p.size = cfg.dataWireBytes();
        p.payload = sk.mssCache;
        p.seq = i;
        p.dsn = sb.dsns[k];
        p.tsVal = now;
        p.tsEcr = tsRecent;
        p.route = dataRoute;
        p.hop = 0;
        if (!rto.armed()) {
            rto.restart(now);
        }
        dataRoute[0].receive(p);
        if (tsq != null) tsq.onSent(now);
    }

    /** {@code tcp_retransmit_skb}. */
    private void retransmit(int i) {
        sb.markRetransmitted(i);
        boolean idle = sk.packetsInFlight() == 0;
        sk.retransOut++;
        retransmits++;
        transmit(i, idle);
    }

    /** {@code tcp_xmit_retransmit_queue}: lost segments first, lowest sequence first, cwnd permitting. */
    private void xmitRetransmitQueue() {
        if (sk.lostOut == 0) {
            return;
        }
        int i = Math.max(sb.rtxCursor, sb.una);
        while (i <= sb.highLost && i < sb.nxt && cwndRoom()) {
            if ((sb.flags[i & sb.mask] & (Scoreboard.LOST | Scoreboard.RETRANS | Scoreboard.SACKED))
                    == Scoreboard.LOST) {
                retransmit(i);
            }
            i++;
        }
        sb.rtxCursor = i;
    }

    // ------------------------------------------------------------------ ACK processing

    @Override
    public void receive(Packet p) {
        if (closed) {
            pool.release(p);
        } else if (p.type == Packet.SYN_ACK) {
            onSynAck(p);
        } else if (sk.preEstablished && p.seq == -1) {
            tsRecent = p.tsVal;   // the fourth ACK's timestamp, echoed by the first data (tcp_store_ts_recent)
            handshake.onJoinAcked(p);
            owner.onCanSend(this);
        } else {
            onAck(p);
        }
    }

    /** {@code tcp_ack} ({@code tcp_input.c}), in the kernel's order. */
    private void onAck(Packet p) {
        long now = loop.nowPs();
        peerWindow = p.rwnd;                                               // tcp_ack_update_window
        tsRecent = p.tsVal;                                                // tcp_store_ts_recent
        mptcpDataAck(p);
        int priorUna = sb.una;
        int newlySacked = sb.sacktag(p.sackStart, p.sackEnd, p.ack, now);   // tcp_sacktag_write_queue
        int acked = sb.cleanRtxQueue(p.ack, now);                          // tcp_clean_rtx_queue
        boolean dataAcked = sb.una != priorUna;                            // FLAG_SND_UNA_ADVANCED
        if (dataAcked) {
            sk.icskRetransmits = 0;
        }
        ackUpdateRtt(acked);
        recovery.fastRetransAlert(now);                                    // tcp_fastretrans_alert
        congControl(acked + newlySacked, dataAcked);                       // tcp_cong_control
        if (dataAcked) {
            rearmRto(now);
        }
        pool.release(p);
        xmitRetransmitQueue();                                             // tcp_xmit_recovery
        owner.onCanSend(this);
    }

    /** {@code mptcp_data_ack}: the connection-level ACK and window; a valid MPTCP ACK clears potentially-failed. */
    private void mptcpDataAck(Packet p) {
        if (p.dataAck >= 0) {
            sk.pf = false;
            owner.onDataAck(this, p.dataAck, p.rwnd);
        }
    }

    /**
     * {@code tcp_ack_update_rtt} (Karn: never-retransmitted segments only; the cumulative sample
     * first, else the SACK one), then the CC's {@code pkts_acked} with the {@code ca_rtt_us} sample.
     */
    private void ackUpdateRtt(int acked) {
        long rttSamplePs = sb.seqRttFirstPs >= 0 ? sb.seqRttFirstPs : sb.sackRttPs;
        if (rttSamplePs >= 0) {
            RttEstimator.sample(sk, rttSamplePs / Time.PS_PER_US, cfg.rtoMinUs());
            RttEstimator.setRto(sk, cfg.rtoMinUs());
            sk.icskBackoff = 0;
        }
        long caRtt = sb.caRttPs >= 0 ? sb.caRttPs : sb.sackRttPs;
        ca.pktsAcked(sk, acked, caRtt >= 0 ? caRtt / Time.PS_PER_US : -1);
    }

    /** {@code tcp_cong_control}: PRR in a reduction, else the CC's {@code cong_avoid}; then the pacing rate. */
    private void congControl(int ackedSacked, boolean dataAcked) {
        if (sk.caState == CaState.RECOVERY || sk.caState == CaState.CWR) {
            recovery.cwndReduction(ackedSacked, dataAcked);
        } else if (dataAcked) {
            ca.congAvoid(sk, sk.sndUna, ackedSacked);
        }
        sk.sndCwnd = Math.max(1, sk.sndCwnd);
        sk.updatePacingRate();
    }

    /** {@code tcp_rearm_rto}: cleared when nothing is outstanding, else one RTO from now. */
    private void rearmRto(long now) {
        if (sk.packetsOut == 0) {
            rto.clear();
        } else {
            rto.restart(now);
        }
    }

    // ------------------------------------------------------------------ timers

    /**
     * {@code tcp_retransmit_timer} ({@code tcp_timer.c}), called by {@link RtoTimer} at expiry:
     * the SYN and MP_JOIN's third ACK are sent again; established, {@code tcp_write_timeout} may
     * give up, else Loss, the head segment again, backoff and the timer re-armed.
     */
    void retransmitTimer(long now) {
        if (sk.state == TcpState.SYN_SENT) {
            if (rto.writeTimedOut(now)) {
                writeError(now);
                return;
            }
            handshake.retransmitSyn(now);
            trace.onRto(now, connIndex, sk.id, sk.icskBackoff, sk.icskRtoUs);
            return;
        }
        if (sk.preEstablished) {
            handshake.retransmitJoinAck();
            return;
        }
        if (sk.packetsOut == 0) {
            return;
        }
        if (rto.writeTimedOut(now)) {
            writeError(now);
            return;
        }
        recovery.enterLoss();
        sk.icskRetransmits++;
        retransmit(sb.una);
        sb.rtxCursor = sb.una + 1;
        rto.backoff();
        rto.restart(now);
        trace.onRto(now, connIndex, sk.id, sk.icskBackoff, sk.icskRtoUs);
        owner.onRto(this);
        owner.onCanSend(this);
    }

    /** {@code tcp_rack_reo_timeout}: RACK's reordering window passed; retransmit what it marked. */
    void reoTimeout(long now) {
        if (closed || sk.packetsOut == 0) {
            return;
        }
        recovery.reoTimeout(now);
        xmitRetransmitQueue();
        owner.onCanSend(this);
    }

    // ------------------------------------------------------------------ life cycle and views

    /** {@code tcp_write_err}: ETIMEDOUT; the owner closes the subflow (and tells its path manager). */
    private void writeError(long now) {
        trace.onSubflowClosed(now, connIndex, sk.id, "ETIMEDOUT");
        owner.onWriteTimeout(this);
        close();
    }

    /** Closes the subflow: it sends nothing more and ignores what arrives. */
    public void close() {
        if (!closed) {
            closedPs = loop.nowPs();
        }
        closed = true;
        rto.stop();
        loop.cancel(reoTimer);
        if (tsq != null) loop.cancel(tsq);
        sk.state = TcpState.CLOSE;
        ca.release(sk);
    }

    public boolean isClosed() { return closed; }

    /** Data sequence numbers sent on this subflow and not yet cumulatively acknowledged at subflow level. */
    public int unackedCount() {
        return sb.outstanding();
    }

    /** The data sequence number of the i-th unacknowledged segment (0 = oldest). */
    public long unackedDsn(int i) {
        return sb.dsn(i);
    }

    public long retransmits() { return retransmits; }

    public long ssthreshReductions() { return recovery.ssthreshReductions; }

    public long dataSegmentsSent() { return dataSegmentsSent; }

    /** Time the handshake completed, or -1. */
    public long establishedPs() { return handshake.establishedPs; }

    /** Time the subflow was closed, or -1 while it is open. */
    public long closedPs() { return closedPs; }

    /** Peer's receive window in segments, from the latest ACK. */
    public int peerWindow() {
        return peerWindow;
    }
}
