package org.mptcpsim.tcp;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.net.Packet;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;

/**
 * The receiving side of one TCP connection or MPTCP subflow: answers the handshake, reassembles
 * segments, hands in-order data to its owner, and acknowledges like Linux
 * ({@code __tcp_ack_snd_check}): immediately while in quick-ACK mode (the first
 * {@link TcpConfig#MAX_QUICKACKS} segments), when out-of-order data is held or a hole was just
 * filled, and when more than one full segment is unacknowledged; otherwise after the 40 ms
 * delayed-ACK timer. Each ACK carries the cumulative ACK, one SACK block (the block holding the
 * segment that triggered it, RFC 2018's first block), and the owner's DATA_ACK and window.
 * The data packet itself becomes the ACK when one is sent at once. Single-threaded.
 */
public final class SubflowReceiver extends Event implements PacketSink, RcvBuffer.RttSource {
    private final EventLoop loop;
    private final PacketPool pool;
    private final SubflowOwner owner;
    private final TcpConfig cfg;
    /** Index of this subflow within its connection. */
    public final int id;
    /** An MPTCP join (MP_JOIN), whose third ACK is answered with a fourth; else the connection's first subflow or TCP. */
    private final boolean joined;
    private PacketSink[] ackRoute;

    private int rcvNxt;
    private long[] oooBits = new long[4];
    private long[] oooDsn = new long[256];
    private int oooMask = 255;
    private int oooCount;
    private int oooHigh;
    private int blockStart;
    private int blockEnd;
    private int unacked;
    private int quickAcks = TcpConfig.MAX_QUICKACKS;
    private long lastTsVal;
    private int lastSeq;
    private long bytesReceived;
    private boolean opened;
    private int lastRwnd;
    /** {@code rcv_rtt_est}: the receiver's RTT estimate (us x 8), the window measure's end and start. */
    private long rcvRttUs8;
    private int rttSeq;
    private long rttTimePs;
    private long lastTsecr;

    public SubflowReceiver(EventLoop loop, PacketPool pool, SubflowOwner owner, TcpConfig cfg, int id, boolean joined) {
        this.loop = loop;
        this.pool = pool;
        this.owner = owner;
        this.cfg = cfg;
        this.id = id;
        this.joined = joined;
    }

    /** Sets the route ACKs take back; its last sink is the sending {@link Subflow}. */
    public void setAckRoute(PacketSink[] route) {
        this.ackRoute = route;
    }

    @Override
    public void receive(Packet p) {
        switch (p.type) {
            case Packet.SYN -> {
                p.type = Packet.SYN_ACK;
                p.tsEcr = p.tsVal; // echoes the timestamp of the SYN it answers
                p.size = cfg.synWireBytes();
                if (!opened) { // tcp_init_buffer_space (once, not for a retransmitted SYN)
                    opened = true;
                    owner.rcvBuffer().addSubflow(this, loop.nowPs());
                }
                p.tsVal = loop.nowPs();
                p.rwnd = owner.receiverWindow(this);
                send(p);
            }
            case Packet.ACK -> {
                if (!joined) {
                    pool.release(p);   // the third ACK of the handshake: the listener's socket is ESTABLISHED
                    return;
                }
                // third ACK of MP_JOIN: answer with the fourth, echoing its timestamp (tcp_store_ts_recent)
                lastTsVal = p.tsVal;
                p.seq = -1;
                fillAck(p);
                send(p);
            }
            default -> onData(p);
        }
    }

    private void onData(Packet p) {
        int seq = p.seq;
        lastTsVal = p.tsVal;
        lastSeq = seq;
        boolean immediate;
        if (seq == rcvNxt) {
            rttMeasureTs(p);
            boolean hadOoo = oooCount > 0;
            bytesReceived += p.payload;
            rcvNxt++;
            owner.onReceive(this, p.dsn, p.payload);
            while (oooCount > 0 && isSet(rcvNxt)) {
                clear(rcvNxt);
                oooCount--;
                owner.onReceive(this, oooDsn[rcvNxt & oooMask], cfg.mss());
                bytesReceived += cfg.mss();
                rcvNxt++;
            }
            rttMeasure();                          // tcp_event_data_recv
            owner.onSegmentReceived(this, p.payload);
            unacked++;
            immediate = hadOoo || !cfg.delayedAck() || quickAcks > 0 || unacked >= 2;
            if (quickAcks > 0) {
                quickAcks--;
            }
            blockStart = blockEnd = 0;
        } else if (seq - rcvNxt > 0) {
            ensureCapacity(seq);
            if (!isSet(seq)) {
                set(seq);
                oooDsn[seq & oooMask] = p.dsn;
                oooCount++;
                if (seq - oooHigh > 0) {
                    oooHigh = seq;
                }
            }
            updateBlock(seq);
            owner.onSegmentReceived(this, p.payload); // tcp_data_queue_ofo: tcp_grow_window with SACK
            immediate = true;
        } else {
            immediate = true; // duplicate: ACK at once (D-SACK not modelled)
        }
        if (immediate) {
            unacked = 0;
            loop.cancel(this);
            p.seq = seq;
            fillAck(p);
            send(p);
        } else {
            pool.release(p);
            if (!isScheduled()) {
                loop.schedule(this, loop.nowPs() + Time.us(TcpConfig.DELACK_US));
            }
        }
    }

    /**
     * {@code tcp_rcv_rtt_measure_ts}: a full segment echoing a new timestamp of ours gives an RTT
     * sample (ms ticks), smoothed 1/8 ({@code tcp_rcv_rtt_update}, win_dep 0).
     */
    private void rttMeasureTs(Packet p) {
        if (p.tsEcr == lastTsecr || p.tsEcr == 0) {
            return;
        }
        lastTsecr = p.tsEcr;
        if (p.payload >= cfg.mss()) {
            long sample = RttEstimator.tsoptUs(loop.nowPs(), p.tsEcr);
            rcvRttUs8 = rcvRttUs8 == 0 ? sample << 3 : rcvRttUs8 + sample - (rcvRttUs8 >> 3);
        }
    }

    /**
     * {@code tcp_rcv_rtt_measure}: the time to receive one advertised window, a minimum
     * ({@code tcp_rcv_rtt_update}, win_dep 1).
     */
    private void rttMeasure() {
        long now = loop.nowPs();
        if (rttTimePs != 0) {
            if (rcvNxt - rttSeq < 0) {
                return;
            }
            long sample = Math.max(1, (now - rttTimePs) / Time.PS_PER_US) << 3;
            rcvRttUs8 = rcvRttUs8 == 0 || sample < rcvRttUs8 ? sample : rcvRttUs8;
        }
        rttSeq = rcvNxt + lastRwnd;
        rttTimePs = now;
    }

    /** {@code rcv_rtt_est.rtt_us}: the receiver's RTT estimate in us, scaled by 8 (0 before a sample). */
    @Override
    public long rcvRttUs8() {
        return rcvRttUs8;
    }

    /** The simulation time, for the owner's receive-buffer adjustment. */
    public long nowPs() {
        return loop.nowPs();
    }

    private void updateBlock(int seq) {
        if (blockEnd - blockStart > 0 && seq == blockEnd) {
            blockEnd++;
        } else if (blockEnd - blockStart > 0 && seq == blockStart - 1) {
            blockStart--;
        } else if (!(seq - blockStart >= 0 && seq - blockEnd < 0)) {
            blockStart = seq;
            blockEnd = seq + 1;
            while (blockStart - 1 - rcvNxt > 0 && isSet(blockStart - 1)) {
                blockStart--;
            }
        }
        while (blockEnd - oooHigh <= 0 && isSet(blockEnd)) {
            blockEnd++;
        }
        if (blockStart - rcvNxt < 0) {
            blockStart = rcvNxt;
        }
    }

    private void fillAck(Packet p) {
        p.type = Packet.ACK;
        p.size = cfg.ackWireBytes();
        p.ack = rcvNxt;
        if (blockEnd - rcvNxt > 0 && blockEnd - blockStart > 0) {
            p.sackStart = Math.max(blockStart, rcvNxt);
            p.sackEnd = blockEnd;
        } else {
            p.sackStart = 0;
            p.sackEnd = 0;
        }
        p.dataAck = owner.receiverDataAck();
        p.rwnd = owner.receiverWindow(this);
        lastRwnd = p.rwnd;
        p.tsVal = loop.nowPs();
        p.tsEcr = lastTsVal;
    }

    private void send(Packet p) {
        p.route = ackRoute;
        p.hop = 0;
        ackRoute[0].receive(p);
    }

    /** Delayed-ACK timer. */
    @Override
    protected void onEvent(long now) {
        if (unacked == 0) {
            return;
        }
        unacked = 0;
        Packet p = pool.take();
        p.seq = lastSeq;
        fillAck(p);
        send(p);
    }

    /** Out-of-order bytes held (they count against the advertised window). */
    public long oooBytes() {
        return (long) oooCount * cfg.mss();
    }

    /** Payload bytes received in order at subflow level. */
    public long bytesReceived() {
        return bytesReceived;
    }

    private void ensureCapacity(int seq) {
        int span = seq - rcvNxt + 1;
        if (span > oooMask) {
            int n = oooDsn.length;
            while (n <= span) {
                n *= 2;
            }
            long[] bits = new long[n >> 6];
            long[] d = new long[n];
            for (int i = rcvNxt; i - oooHigh <= 0; i++) {
                if (isSet(i)) {
                    bits[(i & (n - 1)) >> 6] |= 1L << (i & 63);
                    d[i & (n - 1)] = oooDsn[i & oooMask];
                }
            }
            oooBits = bits;
            oooDsn = d;
            oooMask = n - 1;
        }
    }

    private boolean isSet(int seq) {
        int k = seq & oooMask;
        return (oooBits[k >> 6] & (1L << (k & 63))) != 0;
    }

    private void set(int seq) {
        int k = seq & oooMask;
        oooBits[k >> 6] |= 1L << (k & 63);
    }

    private void clear(int seq) {
        int k = seq & oooMask;
        oooBits[k >> 6] &= ~(1L << (k & 63));
    }
}
