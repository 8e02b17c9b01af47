package org.mptcpsim.tcp;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.trace.TraceSink;

/**
 * The sending side of one TCP connection or MPTCP subflow, behaving like Linux's TCP sender
 * ({@code net/ipv4/tcp_input.c}, {@code tcp_output.c}, {@code tcp_timer.c}, {@code tcp_recovery.c}):
 * three-way handshake (and MP_JOIN's fourth ACK), one-MSS segments, SACK scoreboard, RACK-style
 * loss marking, fast recovery with PRR (RFC 6937), RTO per RFC 6298 with Linux's estimator,
 * 200 ms minimum and exponential backoff, and the congestion-control hooks in kernel order
 * (see {@link CongestionControl}).
 *
 * <p>Segments are numbered from 0; the u32 byte sequence numbers the congestion control sees are
 * {@code isn + index x mss}. The scoreboard is a ring of primitive arrays indexed by segment, grown
 * only when the flight outgrows it. It receives ACKs as a {@link PacketSink}. Single-threaded.
 */
public final class Subflow implements PacketSink {
    private static final byte SACKED = 1;
    private static final byte LOST = 2;
    private static final byte RETRANS = 4;
    private static final byte EVER_RETRANS = 8;
    /** Linux's default {@code tcp_reordering}: the dupthresh. */
    private static final int REORDERING = 3;

    public final TcpSock sk;
    public final CongestionControl ca;
    public final TcpConfig cfg;
    /** Index of the owning connection in the run (for traces). */
    public final int connIndex;
    private final EventLoop loop;
    private final PacketPool pool;
    private final TraceSink trace;
    private final SubflowOwner owner;
    private final int isn;
    private PacketSink[] dataRoute;

    // segment-index sequence space
    private int una;
    private int nxt;
    private byte[] flags = new byte[256];
    private long[] xmitPs = new long[256];
    private long[] dsns = new long[256];
    private int mask = 255;

    private int highLost = -1;
    private int rtxCursor;
    private int rackScan;
    private long rackXmitPs = -1;
    private long rackRttPs;
    private int[] rtxFifo = new int[64];
    private int rtxHead;
    private int rtxTail;

    private int peerWindow = Integer.MAX_VALUE;
    private int prrDelivered;
    private int prrOut;
    private int maxPacketsSeq;
    private long synSentPs;
    private boolean synRetransmitted;
    /** {@code retrans_stamp}: the first retransmission of the current RTO series. */
    private long retransStampPs;
    /** {@code tcp_model_timeout(tcp_retries2, TCP_RTO_MIN)}: fixed by the config, computed once. */
    private final long writeTimeoutPs;

    private final Timer rtoTimer = new Timer(0);
    private final Timer reoTimer = new Timer(1);
    private long rtoDeadline = Long.MAX_VALUE;

    // statistics
    private long retransmits;
    private long ssthreshReductions;
    private long dataSegmentsSent;
    private long establishedPs = -1;
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
        this.writeTimeoutPs = Time.ms(WriteTimeout.modelTimeoutMs(cfg.retries2(), cfg.rtoMinUs() / 1000));
        this.connIndex = connIndex;
        this.isn = isn;
        sk.sndUna = isn;
        sk.sndNxt = isn;
        sk.writeSeq = isn;
        sk.icskRtoUs = cfg.rtoInitUs();
    }

    /**
     * Turns on {@code net.ipv4.tcp_slow_start_after_idle} for this subflow ({@link IdleRestart}).
     * The runner does for application-limited connections when the sysctl is 1; a bulk sender
     * is never idle with data queued, so it is left off there.
     */
    public void setIdleRestart(boolean on) {
        this.idleRestart = on;
    }

    /** Sets the route of data segments; its last sink is the peer's {@link SubflowReceiver}. */
    public void setRoute(PacketSink[] route) {
        this.dataRoute = route;
    }

    // ------------------------------------------------------------------ handshake

    /** Sends the SYN (MP_CAPABLE or MP_JOIN). */
    public void connect() {
        sk.state = TcpState.SYN_SENT;
        synSentPs = loop.nowPs();
        sendControl(Packet.SYN, cfg.synWireBytes());
        armRto(loop.nowPs() + Time.us(sk.icskRtoUs));
    }

    private void sendControl(int type, int size) {
        Packet p = pool.take();
        p.type = type;
        p.size = size;
        p.tsVal = loop.nowPs();
        p.route = dataRoute;
        p.hop = 0;
        dataRoute[0].receive(p);
    }

    private void onSynAck(Packet p) {
        if (sk.state != TcpState.SYN_SENT) {
            return;
        }
        cancelRto();
        // tcp_clean_rtx_queue / tcp_ack_update_rtt on the SYN/ACK: the SYN's own timing unless it
        // was retransmitted (Karn); then the timestamp the SYN/ACK echoes (TSecr, the SYN that got
        // through; Linux negotiates timestamps by default, as the simulated segment sizes assume),
        // in the timestamp clock's 1 ms ticks. tcp_init_transfer -> tcp_init_metrics then falls
        // back to 3 s only if there was no sample at all. (Before: no sample was taken after a
        // retransmitted SYN and a later tcp_set_rto computed 0 + 0 = an RTO of 0.)
        long now = loop.nowPs();
        long mrttUs = synRetransmitted ? RttEstimator.tsoptUs(now, p.tsEcr) : (now - synSentPs) / Time.PS_PER_US;
        RttEstimator.sample(sk, mrttUs, cfg.rtoMinUs());
        RttEstimator.setRto(sk, cfg.rtoMinUs());
        RttEstimator.initWithoutSample(sk);
        sk.icskBackoff = 0;
        sk.icskRetransmits = 0;
        sk.state = TcpState.ESTABLISHED;
        establishedPs = loop.nowPs();
        if (idleRestart) {
            sk.lsndtime = sk.jiffies32();   // tcp_finish_connect: no restart on the first data packet
        }
        peerWindow = p.rwnd;
        if (sk.isMptcp() && sk.id > 0) {
            // MP_JOIN: the subflow is pre-established until the peer ACKs our third ACK
            sk.preEstablished = true;
            pool.release(p);
            sendJoinAck();
        } else {
            pool.release(p);
        }
        ca.init(sk);
        trace.onSubflowEstablished(loop.nowPs(), connIndex, sk.id);
        owner.onEstablished(this);
        if (!sk.preEstablished) {
            owner.onCanSend(this);
        }
    }

    /**
     * The third ACK of MP_JOIN. It may be lost like any packet; as the kernel's MPTCP ACK timer
     * ({@code mptcp_ack_retransmit_timer}) does, it is sent again with exponential backoff until
     * the peer's fourth ACK arrives.
     */
    private void sendJoinAck() {
        Packet p = pool.take();
        p.type = Packet.ACK;
        p.size = cfg.ackWireBytes();
        p.seq = -1;
        p.route = dataRoute;
        p.hop = 0;
        armRto(loop.nowPs() + Time.us(sk.icskRtoUs));
        dataRoute[0].receive(p);
    }

    // ------------------------------------------------------------------ sending

    /** Whether cwnd and the peer's window allow one more new segment now. */
    public boolean canSendNew() {
        return sk.canSend() && !closed && sk.packetsInFlight() < sk.sndCwnd && nxt - una < peerWindow;
    }

    /** Whether the congestion window has room ({@code tcp_cwnd_test}). */
    public boolean cwndRoom() {
        return sk.packetsInFlight() < sk.sndCwnd;
    }

    /** Sends a new segment carrying data sequence {@code dsn}. */
    public void sendNew(long dsn) {
        int i = nxt;
        if (i - una >= mask) {
            grow();
        }
        int k = i & mask;
        flags[k] = 0;
        dsns[k] = dsn;
        nxt = i + 1;
        sk.sndNxt = isn + nxt * sk.mssCache;
        sk.writeSeq = sk.sndNxt;
        if (idleRestart) {
            IdleRestart.check(sk, ca);  // tcp_skb_entail -> tcp_slow_start_after_idle_check
        }
        boolean idle = sk.packetsInFlight() == 0;
        sk.packetsOut++;
        transmit(i, k, idle);
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
    private void transmit(int i, int k, boolean idle) {
        long now = loop.nowPs();
        xmitPs[k] = now;
        if (sk.caState == CaState.RECOVERY || sk.caState == CaState.CWR) {
            prrOut++;
        }
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
        p.dsn = dsns[k];
        p.tsVal = now;
        p.route = dataRoute;
        p.hop = 0;
        if (rtoDeadline == Long.MAX_VALUE) {
            armRto(now + Time.us(sk.icskRtoUs));
        }
        dataRoute[0].receive(p);
    }

    private void retransmit(int i) {
        int k = i & mask;
        flags[k] |= RETRANS | EVER_RETRANS;
        boolean idle = sk.packetsInFlight() == 0;
        sk.retransOut++;
        retransmits++;
        if (rtxTail - rtxHead == rtxFifo.length) {
            int[] n = new int[rtxFifo.length * 2];
            for (int j = 0; j < rtxTail - rtxHead; j++) {
                n[j] = rtxFifo[(rtxHead + j) & (rtxFifo.length - 1)];
            }
            rtxTail -= rtxHead;
            rtxHead = 0;
            rtxFifo = n;
        }
        rtxFifo[rtxTail++ & (rtxFifo.length - 1)] = i;
        transmit(i, k, idle);
    }

    /** {@code tcp_xmit_retransmit_queue}: lost segments first, lowest sequence first, cwnd permitting. */
    private void retransmitLost() {
        if (sk.lostOut == 0) {
            return;
        }
        int i = Math.max(rtxCursor, una);
        while (i <= highLost && i < nxt && cwndRoom()) {
            byte f = flags[i & mask];
            if ((f & (LOST | RETRANS | SACKED)) == LOST) {
                retransmit(i);
            }
            i++;
        }
        rtxCursor = i;
    }

    private void grow() {
        int n = flags.length * 2;
        byte[] f = new byte[n];
        long[] x = new long[n];
        long[] d = new long[n];
        for (int i = una; i != nxt; i++) {
            f[i & (n - 1)] = flags[i & mask];
            x[i & (n - 1)] = xmitPs[i & mask];
            d[i & (n - 1)] = dsns[i & mask];
        }
        flags = f;
        xmitPs = x;
        dsns = d;
        mask = n - 1;
    }

    // ------------------------------------------------------------------ ACK processing

    @Override
    public void receive(Packet p) {
        if (closed) {
            pool.release(p);
            return;
        }
        if (p.type == Packet.SYN_ACK) {
            onSynAck(p);
            return;
        }
        if (sk.preEstablished && p.seq == -1) {
            // the fourth ACK of MP_JOIN
            sk.preEstablished = false;
            cancelRto();
            sk.icskBackoff = 0;
            // undo the third ACK's backoff: the RTO the handshake left (never 0: the handshake
            // gave a sample, or tcp_init_metrics' 3 s fallback set rttvar)
            RttEstimator.setRto(sk, cfg.rtoMinUs());
            pool.release(p);
            owner.onCanSend(this);
            return;
        }
        onAck(p);
    }

    private void onAck(Packet p) {
        long now = loop.nowPs();
        int ack = p.ack;
        peerWindow = p.rwnd;
        if (p.dataAck >= 0) {
            sk.pf = false;
            owner.onDataAck(this, p.dataAck, p.rwnd);
        }
        int priorUna = una;
        long seqRttFirstPs = -1;
        long caRttPs = -1;
        long sackRttPs = -1;
        int newlySacked = 0;

        // tcp_sacktag_write_queue: one SACK block
        int ss = Math.max(p.sackStart, Math.max(ack, una));
        int se = Math.min(p.sackEnd, nxt);
        if (ss < se) {
            // scan inwards from both ends; new SACKed segments extend a block at its edges
            int hi = se - 1;
            while (hi >= ss && (flags[hi & mask] & SACKED) == 0) {
                newlySacked++;
                sackRttPs = sackOne(hi, now, sackRttPs);
                hi--;
            }
            for (int i = ss; i < hi && (flags[i & mask] & SACKED) == 0; i++) {
                newlySacked++;
                sackRttPs = sackOne(i, now, sackRttPs);
            }
        }

        // tcp_clean_rtx_queue: cumulative ACK
        int acked = 0;
        if (ack - una > 0 && ack - nxt <= 0) {
            for (int i = una; i != ack; i++) {
                int k = i & mask;
                byte f = flags[k];
                if ((f & SACKED) != 0) {
                    sk.sackedOut--;
                } else {
                    acked++;
                    sk.delivered++;
                    long rtt = now - xmitPs[k];
                    if ((f & EVER_RETRANS) == 0) {
                        if (seqRttFirstPs < 0) {
                            seqRttFirstPs = rtt;
                        }
                        caRttPs = rtt;
                    }
                    rackAdvance(xmitPs[k], rtt, f);
                }
                if ((f & LOST) != 0) {
                    sk.lostOut--;
                }
                if ((f & RETRANS) != 0) {
                    sk.retransOut--;
                }
                sk.packetsOut--;
                flags[k] = 0;
            }
            una = ack;
            sk.sndUna = isn + una * sk.mssCache;
            sk.bytesAcked += (long) (ack - priorUna) * sk.mssCache;
            sk.icskRetransmits = 0;
        }
        boolean dataAcked = una != priorUna;
        long rttSamplePs = seqRttFirstPs >= 0 ? seqRttFirstPs : sackRttPs;
        if (rttSamplePs >= 0) {
            RttEstimator.sample(sk, rttSamplePs / Time.PS_PER_US, cfg.rtoMinUs());
            RttEstimator.setRto(sk, cfg.rtoMinUs());
            sk.icskBackoff = 0;
        }
        long caRtt = caRttPs >= 0 ? caRttPs : sackRttPs;
        ca.pktsAcked(sk, acked, caRtt >= 0 ? caRtt / Time.PS_PER_US : -1);

        int ackedSacked = acked + newlySacked;
        fastRetransAlert(dataAcked, now);

        // tcp_cong_control
        if (sk.caState == CaState.RECOVERY || sk.caState == CaState.CWR) {
            cwndReduction(ackedSacked, dataAcked);
        } else if (dataAcked) {
            ca.congAvoid(sk, sk.sndUna, ackedSacked);
        }
        sk.sndCwnd = Math.max(1, sk.sndCwnd);
        updatePacingRate();

        if (dataAcked) {
            if (sk.packetsOut == 0) {
                cancelRto();
            } else {
                armRto(now + Time.us(sk.icskRtoUs));
            }
        }
        pool.release(p);
        retransmitLost();
        owner.onCanSend(this);
    }

    private long sackOne(int i, long now, long sackRttPs) {
        int k = i & mask;
        byte f = flags[k];
        sk.sackedOut++;
        sk.delivered++;
        if ((f & LOST) != 0) {
            sk.lostOut--;
        }
        if ((f & RETRANS) != 0) {
            sk.retransOut--;
        }
        flags[k] = (byte) ((f & EVER_RETRANS) | SACKED);
        long rtt = now - xmitPs[k];
        rackAdvance(xmitPs[k], rtt, f);
        if ((f & EVER_RETRANS) == 0) {
            return sackRttPs < 0 ? rtt : Math.max(sackRttPs, rtt);
        }
        return sackRttPs;
    }

    /** {@code tcp_rack_advance}: a retransmitted segment counts only if its RTT is plausible (&ge; min RTT). */
    private void rackAdvance(long xmit, long rtt, byte f) {
        if ((f & EVER_RETRANS) != 0 && rtt < Time.us(sk.minRttUs)) {
            return;
        }
        if (xmit > rackXmitPs) {
            rackXmitPs = xmit;
            rackRttPs = rtt;
        }
    }

    /** {@code tcp_fastretrans_alert} reduced to the SACK + RACK paths Linux takes by default. */
    private void fastRetransAlert(boolean dataAcked, long now) {
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
            detectLosses(now);
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
     * RACK ({@code tcp_rack_detect_loss}): a segment is lost once a segment sent after it has been
     * delivered and a reordering window has passed: zero in recovery or once dupthresh segments
     * are SACKed (no reordering is ever seen in the simulator), a quarter of min RTT otherwise.
     */
    private void detectLosses(long now) {
        if (rackXmitPs < 0) {
            return;
        }
        long reoWnd = (sk.caState >= CaState.RECOVERY || sk.sackedOut >= REORDERING)
                ? 0 : Time.us(Math.max(sk.minRttUs, 1) / 4);
        long wait = -1;
        // retransmissions, in retransmission order
        while (rtxHead != rtxTail) {
            int i = rtxFifo[rtxHead & (rtxFifo.length - 1)];
            int k = i & mask;
            if (i - una < 0 || (flags[k] & RETRANS) == 0) {
                rtxHead++;
                continue;
            }
            long x = xmitPs[k];
            if (x < rackXmitPs && x + rackRttPs + reoWnd <= now) {
                flags[k] &= ~RETRANS;
                sk.retransOut--;
                rtxCursor = Math.min(rtxCursor, i);
                rtxHead++;
            } else {
                if (x < rackXmitPs) {
                    wait = x + rackRttPs + reoWnd;
                }
                break;
            }
        }
        // original transmissions, in sequence (= send) order
        int i = Math.max(rackScan, una);
        for (; i != nxt; i++) {
            int k = i & mask;
            byte f = flags[k];
            if ((f & (SACKED | LOST | EVER_RETRANS)) != 0) {
                continue;
            }
            long x = xmitPs[k];
            if (x >= rackXmitPs) {
                break;
            }
            if (x + rackRttPs + reoWnd > now) {
                wait = wait < 0 ? x + rackRttPs + reoWnd : Math.min(wait, x + rackRttPs + reoWnd);
                break;
            }
            flags[k] = (byte) (f | LOST);
            sk.lostOut++;
            if (i > highLost) {
                highLost = i;
            }
            rtxCursor = Math.min(rtxCursor, i);
        }
        rackScan = i;
        if (wait >= 0) {
            loop.schedule(reoTimer, wait);
        }
    }

    private void enterRecovery() {
        // tcp_enter_recovery -> tcp_init_cwnd_reduction
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

    /** {@code tcp_cwnd_reduction}: Proportional Rate Reduction (RFC 6937). */
    private void cwndReduction(int newlyAckedSacked, boolean unaAdvanced) {
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

    /**
     * {@code tcp_update_pacing_rate}: mss x max(cwnd, packets_out) / srtt, times 200 % in slow
     * start (cwnd &lt; ssthresh/2) or 120 % otherwise. Nothing paces in the simulator; cubic's
     * HyStart reads the value, as it does in the kernel without fq.
     */
    private void updatePacingRate() {
        if (sk.srttUs == 0) {
            return;
        }
        long rate = (long) sk.mssCache * ((1_000_000L / 100) << 3);
        rate *= sk.sndCwnd < sk.sndSsthresh / 2 ? 200 : 120;
        rate *= Math.max(sk.sndCwnd, sk.packetsOut);
        sk.skPacingRate = rate / (sk.srttUs & 0xffffffffL);
    }

    /** {@code tcp_end_cwnd_reduction}. */
    private void endCwndReduction() {
        if (sk.sndSsthresh < TcpSock.INFINITE_SSTHRESH) {
            sk.sndCwnd = sk.sndSsthresh;
            sk.sndCwndStamp = sk.jiffies32();
        }
        ca.cwndEvent(sk, CaEvent.COMPLETE_CWR);
    }

    private void setCaState(int state) {
        ca.setState(sk, state);
        sk.caState = state;
    }

    // ------------------------------------------------------------------ RTT and RTO

    private void armRto(long deadline) {
        rtoDeadline = deadline;
        if (!rtoTimer.isScheduled() || rtoTimer.scheduledTime() > deadline) {
            loop.schedule(rtoTimer, deadline);
        }
    }

    private void cancelRto() {
        rtoDeadline = Long.MAX_VALUE;
    }

    private void onRtoTimer(long now) {
        if (rtoDeadline == Long.MAX_VALUE || closed) {
            return;
        }
        if (now < rtoDeadline) {
            loop.schedule(rtoTimer, rtoDeadline); // lazily re-armed by ACKs
            return;
        }
        rtoDeadline = Long.MAX_VALUE;
        if (sk.state == TcpState.SYN_SENT) {
            if (sk.icskRetransmits >= cfg.synRetries()) {
                writeError(now);   // tcp_write_timeout, SYN_SENT: icsk_retransmits >= tcp_syn_retries
                return;
            }
            synRetransmitted = true;
            sk.icskBackoff++;
            sk.icskRetransmits++;
            sk.icskRtoUs = Math.min(sk.icskRtoUs << 1, TcpConfig.RTO_MAX_US);
            sendControl(Packet.SYN, cfg.synWireBytes());
            armRto(now + Time.us(sk.icskRtoUs));
            trace.onRto(now, connIndex, sk.id, sk.icskBackoff, sk.icskRtoUs);
            return;
        }
        if (sk.preEstablished) {
            sk.icskBackoff++;
            sk.icskRtoUs = Math.min(sk.icskRtoUs << 1, TcpConfig.RTO_MAX_US);
            sendJoinAck();
            return;
        }
        if (sk.packetsOut == 0) {
            return;
        }
        if (sk.icskRetransmits == 0) {
            retransStampPs = now;   // the retransmission below is the first of the series
        } else if (now - retransStampPs >= writeTimeoutPs) {
            writeError(now);        // retransmits_timed_out(sk, tcp_retries2, 0)
            return;
        }
        enterLoss();
        sk.icskRetransmits++;
        retransmit(una);
        rtxCursor = una + 1;
        sk.icskBackoff++;
        sk.icskRtoUs = Math.min(sk.icskRtoUs << 1, TcpConfig.RTO_MAX_US);
        armRto(now + Time.us(sk.icskRtoUs));
        trace.onRto(now, connIndex, sk.id, sk.icskBackoff, sk.icskRtoUs);
        owner.onRto(this);
        owner.onCanSend(this);
    }

    /** {@code tcp_enter_loss}: ssthresh (pre-RTO cwnd), CA_EVENT_LOSS, mark all lost, cwnd, Loss. */
    private void enterLoss() {
        if (sk.caState <= CaState.DISORDER || !TcpCong.after(sk.highSeq, sk.sndUna)
                || (sk.caState == CaState.LOSS && sk.icskRetransmits == 0)) {
            sk.priorSsthresh = sk.currentSsthresh();
            sk.priorCwnd = sk.sndCwnd;
            sk.sndSsthresh = ca.ssthresh(sk);
            ssthreshReductions++;
            ca.cwndEvent(sk, CaEvent.LOSS);
        }
        for (int i = una; i != nxt; i++) {
            int k = i & mask;
            byte f = flags[k];
            if ((f & SACKED) != 0) {
                continue;
            }
            if ((f & RETRANS) != 0) {
                sk.retransOut--;
            }
            if ((f & LOST) == 0) {
                sk.lostOut++;
            }
            flags[k] = (byte) ((f & EVER_RETRANS) | LOST);
        }
        highLost = nxt - 1;
        rtxCursor = una;
        rtxHead = rtxTail;
        sk.sndCwnd = sk.packetsInFlight() + 1;
        sk.sndCwndCnt = 0;
        sk.sndCwndStamp = sk.jiffies32();
        sk.highSeq = sk.sndNxt;
        setCaState(CaState.LOSS);
    }

    private void onReoTimer(long now) {
        if (closed || sk.packetsOut == 0) {
            return;
        }
        int lostBefore = sk.lostOut;
        detectLosses(now);
        if (sk.lostOut > lostBefore && sk.caState < CaState.RECOVERY) {
            enterRecovery();
            cwndReduction(1, false);
        }
        retransmitLost();
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
        rtoDeadline = Long.MAX_VALUE;
        loop.cancel(rtoTimer);
        loop.cancel(reoTimer);
        sk.state = TcpState.CLOSE;
        ca.release(sk);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Data sequence numbers sent on this subflow and not yet cumulatively acknowledged at subflow level. */
    public int unackedCount() {
        return nxt - una;
    }

    /** The data sequence number of the i-th unacknowledged segment (0 = oldest). */
    public long unackedDsn(int i) {
        return dsns[(una + i) & mask];
    }

    public long retransmits() {
        return retransmits;
    }

    public long ssthreshReductions() {
        return ssthreshReductions;
    }

    public long dataSegmentsSent() {
        return dataSegmentsSent;
    }

    /** Time the handshake completed, or -1. */
    public long establishedPs() {
        return establishedPs;
    }

    /** Time the subflow was closed, or -1 while it is open. */
    public long closedPs() {
        return closedPs;
    }

    /** Peer's receive window in segments, from the latest ACK. */
    public int peerWindow() {
        return peerWindow;
    }

    private final class Timer extends Event {
        private final int kind;

        Timer(int kind) {
            this.kind = kind;
        }

        @Override
        public String describe() {
            return "connection #" + connIndex + " subflow " + sk.id
                    + (kind == 0 ? " retransmission timer (RTO " + sk.icskRtoUs + " us)" : " RACK reordering timer");
        }

        @Override
        protected void onEvent(long now) {
            if (kind == 0) {
                onRtoTimer(now);
            } else {
                onReoTimer(now);
            }
        }
    }
}
