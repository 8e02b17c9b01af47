package org.mptcpsim.tcp;

import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;

/**
 * A plain TCP connection: one {@link Subflow} sending to one {@link SubflowReceiver}: a bulk or
 * sized transfer written at the start, or an application-limited one ({@link #appLimited}) that
 * writes as its application does; the receiver reads at once.
 */
public final class TcpConnection implements SubflowOwner {
    private long sizeSegments;
    private final int index;
    private final TcpConfig cfg;
    private AppListener app;
    private long segmentsDelivered;
    private Subflow subflow;
    private long nextSeg;
    private long bytesDelivered;
    private final long sizeBytes;
    private final RcvBuffer rcvBuf;

    /**
     * @param index     the connection's index in the run (traces)
     * @param sizeBytes bytes to transfer, or -1 for a bulk (endless) transfer
     */
    public TcpConnection(int index, long sizeBytes, TcpConfig cfg) {
        this.sizeBytes = sizeBytes;
        this.sizeSegments = sizeBytes < 0 ? Long.MAX_VALUE : (sizeBytes + cfg.mss() - 1) / cfg.mss();
        this.index = index;
        this.cfg = cfg;
        this.rcvBuf = new RcvBuffer(cfg, false);
    }

    /**
     * Builds the connection's subflow (sender with congestion control {@code ca} and initial
     * sequence {@code isn}, and the peer's receiver), wires it along {@code fwd} (data) and
     * {@code rev} (ACKs) and attaches it; the caller calls {@link Subflow#connect()}.
     */
    public Subflow openSubflow(SimContext sim, CongestionControl ca, int isn, Route fwd, Route rev) {
        TcpSock sk = new TcpSock(sim.loop(), null, 0, cfg.mss());
        Subflow s = new Subflow(sim.loop(), sim.pool(), sim.trace(), this, sk, ca, cfg, index, isn);
        SubflowReceiver r = new SubflowReceiver(sim.loop(), sim.pool(), this, cfg, 0, false);
        s.setRoute(fwd.to(r));
        r.setAckRoute(rev.to(s));
        attach(s);
        return s;
    }

    /**
     * An application-limited connection: nothing to send until {@link #appWrite} queues data;
     * {@code listener} hears of every in-order delivery.
     */
    public static TcpConnection appLimited(int index, TcpConfig cfg, AppListener listener) {
        TcpConnection c = new TcpConnection(index, -1, cfg);
        c.sizeSegments = 0;
        c.app = listener;
        return c;
    }

    /** The application writes {@code segments} more full segments; sent as cwnd allows. */
    public void appWrite(long segments) {
        sizeSegments += segments;
        if (subflow != null && subflow.sk.canSend()) {
            onCanSend(subflow);
        }
    }

    /** Segments the application has written so far. */
    public long appWritten() {
        return sizeSegments;
    }

    /** Attaches the connection's only subflow (its receiver reports back through this owner). */
    public void attach(Subflow s) {
        this.subflow = s;
    }

    public Subflow subflow() {
        return subflow;
    }

    /** In-order bytes delivered to the receiving application. */
    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** Whether a sized transfer has been delivered completely. */
    public boolean complete() {
        return sizeBytes >= 0 && bytesDelivered >= sizeBytes;
    }

    /** Adds a listener to a sized or bulk connection (its data is written at the start, as before). */
    public void setListener(AppListener listener) {
        this.app = listener;
    }

    @Override
    public void onEstablished(Subflow s) {
        if (app != null) {
            app.onEstablished();
        }
    }

    @Override
    public void onDataAck(Subflow s, long dataAck, int rwndSegments) {
    }

    @Override
    public void onCanSend(Subflow s) {
        while (nextSeg < sizeSegments && s.canSendNew()) {
            s.sendNew(nextSeg++);
        }
    }

    @Override
    public void onRto(Subflow s) {
    }

    @Override
    public void onReceive(SubflowReceiver r, long dsn, int payload) {
        bytesDelivered += payload;
        rcvBuf.onCopied(payload, r.nowPs());              // the application reads at once
        if (app != null) {
            app.onDelivered(++segmentsDelivered);
        }
        if (sizeBytes >= 0 && bytesDelivered > sizeBytes) {
            bytesDelivered = sizeBytes;
        }
    }

    @Override
    public long receiverDataAck() {
        return -1;
    }

    @Override
    public int receiverWindow(SubflowReceiver r) {
        return r == null ? Integer.MAX_VALUE : rcvBuf.windowSegments(r.oooBytes());
    }

    @Override
    public RcvBuffer rcvBuffer() {
        return rcvBuf;
    }

    @Override
    public void onSegmentReceived(SubflowReceiver r, int len) {
        rcvBuf.grow(len, r.oooBytes());
    }
}
