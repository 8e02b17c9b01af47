package org.mptcpsim.tcp;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;

/**
 * The active opener's side of the three-way handshake ({@code tcp_connect} in {@code tcp_output.c},
 * {@code tcp_rcv_synsent_state_process} in {@code tcp_input.c}): the SYN, and the third ACK sent at once
 * when the SYN/ACK arrives (a pure ACK, as Linux sends it when no data is waiting to be written, which
 * the simulated applications never have before they are established; for MPTCP it carries MP_CAPABLE
 * with both keys); for an MPTCP join, a third ACK that must be acknowledged before the subflow may carry data (retransmitted like the kernel's
 * {@code mptcp_ack_retransmit_timer}). Owned by one {@link Subflow}, which raises the
 * congestion-control and owner callbacks after each step. Single-threaded.
 */
final class Handshake {
    private final TcpSock sk;
    private final TcpConfig cfg;
    private final EventLoop loop;
    private final PacketPool pool;
    private final RtoTimer rto;
    /** The data route (its last sink is the peer's receiver); set by {@link Subflow#setRoute}. */
    PacketSink[] route;

    private long synSentPs;
    /** The SYN/ACK's timestamp, which a join's third ACK echoes. */
    private long synAckTsVal;
    private boolean synRetransmitted;
    /** Time the handshake completed, or -1. */
    long establishedPs = -1;

    Handshake(TcpSock sk, TcpConfig cfg, EventLoop loop, PacketPool pool, RtoTimer rto) {
        this.sk = sk;
        this.cfg = cfg;
        this.loop = loop;
        this.pool = pool;
        this.rto = rto;
    }

    /** {@code tcp_connect}: the SYN (MP_CAPABLE or MP_JOIN) and the retransmission timer. */
    void connect() {
        sk.state = TcpState.SYN_SENT;
        synSentPs = loop.nowPs();
        sendSyn();
        rto.restart(loop.nowPs());
    }

    private void sendSyn() {
        Packet p = pool.take();
        p.type = Packet.SYN;
        p.size = cfg.synWireBytes();
        p.tsVal = loop.nowPs();
        p.route = route;
        p.hop = 0;
        route[0].receive(p);
    }

    /**
     * The SYN/ACK in SYN_SENT (the caller checked the state): RTT sample, ESTABLISHED, and for a
     * join the third ACK (the subflow stays pre-established). Releases {@code p}.
     */
    void onSynAck(Packet p) {
        rto.clear();
        // tcp_clean_rtx_queue / tcp_ack_update_rtt on the SYN/ACK: the SYN's own timing unless it
        // was retransmitted (Karn); then the timestamp the SYN/ACK echoes (TSecr, the SYN that got
        // through; Linux negotiates timestamps by default, as the simulated segment sizes assume),
        // in the timestamp clock's 1 ms ticks. tcp_init_transfer -> tcp_init_metrics then falls
        // back to 3 s only if there was no sample at all.
        long now = loop.nowPs();
        long mrttUs = synRetransmitted ? RttEstimator.tsoptUs(now, p.tsEcr) : (now - synSentPs) / Time.PS_PER_US;
        RttEstimator.sample(sk, mrttUs, cfg.rtoMinUs());
        RttEstimator.setRto(sk, cfg.rtoMinUs());
        RttEstimator.initWithoutSample(sk);
        sk.icskBackoff = 0;
        sk.icskRetransmits = 0;
        sk.state = TcpState.ESTABLISHED;
        establishedPs = now;
        synAckTsVal = p.tsVal;    // echoed by the join's third ACK (and its retransmissions)
        pool.release(p);
        if (sk.isMptcp() && sk.id > 0) {
            // MP_JOIN: the subflow is pre-established until the peer ACKs our third ACK
            sk.preEstablished = true;
            sendJoinAck();
        } else {
            // tcp_rcv_synsent_state_process -> tcp_send_ack: the third ACK, not retransmitted (the first data
            // segment also acknowledges the SYN/ACK)
            route[0].receive(thirdAck());
        }
    }

    /** A pure ACK of the SYN/ACK, echoing its timestamp: the third ACK (of a join: with MP_JOIN's HMAC). */
    private Packet thirdAck() {
        Packet p = pool.take();
        p.type = Packet.ACK;
        p.tsVal = loop.nowPs();
        p.tsEcr = synAckTsVal;
        p.size = cfg.ackWireBytes();
        p.seq = -1;
        p.route = route;
        p.hop = 0;
        return p;
    }

    /** The third ACK of MP_JOIN (echoing the SYN/ACK's timestamp), with the retransmission timer running until the fourth arrives. */
    private void sendJoinAck() {
        Packet p = thirdAck();
        rto.restart(loop.nowPs());
        route[0].receive(p);
    }

    /** The fourth ACK of MP_JOIN: no longer pre-established. Releases {@code p}. */
    void onJoinAcked(Packet p) {
        sk.preEstablished = false;
        rto.clear();
        sk.icskBackoff = 0;
        // undo the third ACK's backoff: the RTO the handshake left (never 0: the handshake
        // gave a sample, or tcp_init_metrics' 3 s fallback set rttvar)
        RttEstimator.setRto(sk, cfg.rtoMinUs());
        pool.release(p);
    }

    /** {@code tcp_retransmit_timer} in SYN_SENT (past {@code tcp_write_timeout}): the SYN again, backed off. */
    void retransmitSyn(long now) {
        synRetransmitted = true;
        rto.backoff();
        sk.icskRetransmits++;
        sendSyn();
        rto.restart(now);
    }

    /** The MPTCP ACK timer: the third ACK again, backed off. */
    void retransmitJoinAck() {
        rto.backoff();
        sendJoinAck();
    }
}
