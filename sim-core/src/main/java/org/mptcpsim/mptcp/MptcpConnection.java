package org.mptcpsim.mptcp;

import java.util.ArrayList;
import java.util.List;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.tcp.CongestionControl;

import org.mptcpsim.tcp.AppListener;
import org.mptcpsim.tcp.MptcpCb;
import org.mptcpsim.tcp.RcvBuffer;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.SubflowOwner;
import org.mptcpsim.tcp.SubflowReceiver;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpSock;

/**
 * An MPTCP connection: the meta socket of both ends. Sender side: the data sequence space (in
 * segments), connection-level DATA_ACK and window, the reinjection queue, and the scheduler loop
 * ({@code mptcp_write_xmit}). Receiver side: data-level reassembly with head-of-line blocking
 * (a segment is delivered to the application only when every earlier one has arrived, on any
 * subflow) and the meta receive buffer that bounds the advertised window.
 *
 * <p>It is the {@link MptcpCb} its subflows' congestion controls see: subflows in the kernel's
 * iteration order (newest first) and the shared CA area. Single-threaded.
 */
public final class MptcpConnection extends MptcpCb implements SubflowOwner {
    private static final long REINJECT_QUEUED = 1L << 63;

    public final int index;
    private long sizeSegments;
    private final long sizeBytes;
    private final TcpConfig cfg;
    private final PacketScheduler scheduler;
    private final PathManager pathManager;
    private PmContext pm;

    private final List<Subflow> subflowsById = new ArrayList<>();
    private final List<SubflowReceiver> receiversById = new ArrayList<>();

    // sender
    private long dataUna;
    private long nextNew;
    private long[] pathMask = new long[1024];
    private int pmMask = 1023;
    private long[] reinjectQ = new long[64];
    private int rqHead;
    private int rqTail;
    private int peerWindow = Integer.MAX_VALUE;
    private boolean fullyEstablished;
    private final ConnectionView view = new ConnectionView(this);
    private final Decision decision = new Decision();
    private boolean pushing;
    private long reinjections;

    // receiver
    private final MetaReceiveQueue rcv;

    /**
     * @param sizeBytes bytes to transfer, or -1 for bulk
     */
    public MptcpConnection(int index, long sizeBytes, TcpConfig cfg, PacketScheduler scheduler,
                           PathManager pathManager) {
        this.index = index;
        this.sizeBytes = sizeBytes;
        this.sizeSegments = sizeBytes < 0 ? Long.MAX_VALUE : (sizeBytes + cfg.mss() - 1) / cfg.mss();
        this.cfg = cfg;
        this.scheduler = scheduler;
        this.pathManager = pathManager;
        this.rcv = new MetaReceiveQueue(cfg.mss(), sizeBytes, new RcvBuffer(cfg, true));
    }

    /**
     * Makes the connection application-limited: nothing to send until {@link #appWrite} queues
     * data; {@code listener} hears of every in-order delivery. Before the first subflow opens.
     */
    public void setApp(AppListener listener) {
        this.sizeSegments = 0;
        setListener(listener);
    }

    /** The application writes {@code segments} more full segments; the scheduler runs. */
    public void appWrite(long segments) {
        sizeSegments += segments;
        push();
    }

    /** Segments the application has written so far. */
    public long appWritten() {
        return sizeSegments;
    }

    /** Sets the path manager's context; called once by whoever builds the connection. */
    public void setPmContext(PmContext ctx) {
        this.pm = ctx;
    }

    /**
     * Builds the next subflow (id = number of subflows so far; the sender with congestion control
     * {@code ca} and initial sequence {@code isn}, and the peer's receiver), wires it along
     * {@code fwd} (data) and {@code rev} (ACKs) and attaches it. The caller sets what else the
     * socket needs and calls {@link Subflow#connect()}.
     */
    public Subflow openSubflow(SimContext sim, CongestionControl ca, int isn, boolean backup, Route fwd, Route rev) {
        TcpSock sk = new TcpSock(sim.loop(), this, subflowsById.size(), cfg.mss());
        sk.lowPrio = backup;
        Subflow s = new Subflow(sim.loop(), sim.pool(), sim.trace(), this, sk, ca, cfg, index, isn);
        SubflowReceiver r = new SubflowReceiver(sim.loop(), sim.pool(), this, cfg, sk.id, sk.id > 0);
        s.setRoute(fwd.to(r));
        r.setAckRoute(rev.to(s));
        addSubflow(s, r);
        return s;
    }

    /** Attaches a subflow (newest first in kernel order) and its peer receiver. */
    public void addSubflow(Subflow s, SubflowReceiver r) {
        subflowsById.add(s);
        receiversById.add(r);
        addSubflow(s.sk);
        scheduler.onSubflowAdded(view, view.add(new SubflowHandle(this, s)));
    }

    /** Closes a subflow and detaches it; its unacknowledged data is reinjected. */
    public void removeSubflow(Subflow s) {
        if (s.isClosed()) {
            return;
        }
        reinject(s);
        s.close();
        removeSubflow(s.sk);
        scheduler.onSubflowRemoved(view, view.byId(s.sk.id));
        push();
    }

    // ------------------------------------------------------------------ state the scheduler view reads

    /** All subflows ever created, by id (creation order), including closed ones. */
    public List<Subflow> subflowsById() {
        return subflowsById;
    }

    public List<SubflowReceiver> receiversById() {
        return receiversById;
    }

    public PacketScheduler scheduler() {
        return scheduler;
    }

    /** The read-only view the scheduler decides over. */
    public SchedulerView schedulerView() {
        return view;
    }

    /**
     * Runs the scheduler once without sending (for tests): its decision, or {@code null}. The
     * decision is the connection's reused holder, valid until the next call.
     */
    public Decision nextDecision() {
        return scheduler.nextSegment(view, decision);
    }

    /** The subflow a decision names. */
    public Subflow subflowOf(SubflowView v) {
        return subflowsById.get(v.id());
    }

    public PathManager pathManager() {
        return pathManager;
    }

    /** The head of the reinjection queue, or -1. */
    public long reinjectHead() {
        while (rqHead != rqTail) {
            long dsn = reinjectQ[rqHead & (reinjectQ.length - 1)];
            if (dsn >= dataUna) {
                return dsn;
            }
            rqHead++;
        }
        return -1;
    }

    /** The next new data segment, or -1 when the application has nothing more to send. */
    public long sendHead() {
        return nextNew < sizeSegments ? nextNew : -1;
    }

    /** Whether the peer's connection-level window admits data sequence {@code dsn}. */
    public boolean sendWindowAllows(long dsn) {
        return dsn - dataUna < peerWindow;
    }

    /** Bit i set = the segment was sent on subflow id i ({@code path_mask}). */
    public long pathMask(long dsn) {
        return dsn >= dataUna && dsn < nextNew ? pathMask[(int) (dsn & pmMask)] & ~REINJECT_QUEUED : 0;
    }

    /** The path-mask bit of a subflow (ids above 62 share the last bit). */
    public static long subflowBit(Subflow s) {
        return 1L << Math.min(s.sk.id, 62);
    }

    /** Clears a segment's path mask (the default scheduler does when only backups remain). */
    public void clearPathMask(long dsn) {
        if (dsn >= dataUna && dsn < nextNew) {
            pathMask[(int) (dsn & pmMask)] &= REINJECT_QUEUED;
        }
    }

    public long dataUna() {
        return dataUna;
    }

    /** The next new data sequence number: every segment below it was sent at least once. */
    public long sndNxt() {
        return nextNew;
    }

    /** The peer's connection-level receive window in segments ({@code meta_tp->snd_wnd / mss}). */
    public int peerWindow() {
        return peerWindow;
    }

    public boolean fullyEstablished() {
        return fullyEstablished;
    }

    // ------------------------------------------------------------------ sending

    /** {@code mptcp_write_xmit}: runs the scheduler until it has nothing to send. */
    public void push() {
        if (pushing) {
            return;
        }
        pushing = true;
        try {
            Decision d;
            while ((d = scheduler.nextSegment(view, decision)) != null) {
                Subflow s = ((SubflowHandle) d.subflow()).subflow;
                long dsn = d.dsn();
                if (d.reinject()) {
                    if (reinjectHead() == dsn) {
                        rqHead++;
                    }
                    reinjections++;
                } else if (dsn == nextNew) {
                    if (nextNew - dataUna >= pmMask) {
                        growPathMask();
                    }
                    pathMask[(int) (dsn & pmMask)] = 0;
                    nextNew++;
                }
                int slot = (int) (dsn & pmMask);
                pathMask[slot] = (pathMask[slot] & ~REINJECT_QUEUED) | subflowBit(s);
                s.sendNew(dsn);
            }
        } finally {
            pushing = false;
        }
    }

    private void growPathMask() {
        int n = pathMask.length * 2;
        long[] m = new long[n];
        for (long d = dataUna; d < nextNew; d++) {
            m[(int) (d & (n - 1))] = pathMask[(int) (d & pmMask)];
        }
        pathMask = m;
        pmMask = n - 1;
    }

    /** {@code mptcp_reinject_data}: queue a subflow's unacknowledged segments for the others. */
    private void reinject(Subflow s) {
        int n = s.unackedCount();
        for (int i = 0; i < n; i++) {
            long dsn = s.unackedDsn(i);
            // SACKed segments are reinjected too: the peer holds them in the subflow's
            // out-of-order queue and hands them to the meta only once the subflow hole is filled
            if (dsn < dataUna || dsn >= nextNew) {
                continue;
            }
            int slot = (int) (dsn & pmMask);
            if ((pathMask[slot] & REINJECT_QUEUED) != 0) {
                continue;
            }
            pathMask[slot] |= REINJECT_QUEUED;
            if (rqTail - rqHead == reinjectQ.length) {
                long[] q = new long[reinjectQ.length * 2];
                for (int j = 0; j < rqTail - rqHead; j++) {
                    q[j] = reinjectQ[(rqHead + j) & (reinjectQ.length - 1)];
                }
                rqTail -= rqHead;
                rqHead = 0;
                reinjectQ = q;
            }
            reinjectQ[rqTail++ & (reinjectQ.length - 1)] = dsn;
        }
    }

    /** Adds a listener to a sized or bulk connection (its data is written at the start, as before). */
    public void setListener(AppListener listener) {
        rcv.app = listener;   // the one home of the listener: the receive queue tells it of deliveries
    }

    @Override
    public void onEstablished(Subflow s) {
        if (rcv.app != null && s.sk.id == 0) {
            rcv.app.onEstablished();
        }
        if (pm != null) {
            pathManager.onSubflowEstablished(pm, s);
        }
    }

    @Override
    public void onDataAck(Subflow s, long dataAck, int rwndSegments) {
        if (dataAck > dataUna && dataAck <= nextNew) {
            dataUna = dataAck;
        }
        peerWindow = rwndSegments;
        if (!fullyEstablished) {
            fullyEstablished = true;
            if (pm != null) {
                pathManager.onFullyEstablished(pm);
            }
        }
    }

    @Override
    public void onCanSend(Subflow s) {
        push();
    }

    /** TCP gave up on the subflow (ETIMEDOUT): closed, its data reinjected, the path manager told. */
    @Override
    public void onWriteTimeout(Subflow s) {
        removeSubflow(s);
        if (pm != null) {
            pathManager.onSubflowClosed(pm, s, true);
        }
    }

    @Override
    public void onRto(Subflow s) {
        reinject(s);
        s.sk.pf = true;
        if (pm != null) {
            pathManager.onSubflowTimeout(pm, s);
        }
    }

    // ------------------------------------------------------------------ receiving

    @Override
    public void onReceive(SubflowReceiver r, long dsn, int payload) {
        rcv.onData(dsn, r.nowPs());
    }

    @Override
    public long receiverDataAck() {
        return rcv.rcvNxt;
    }

    @Override
    public int receiverWindow(SubflowReceiver r) {
        return rcv.buf.windowSegments((long) rcv.ooo * cfg.mss());
    }

    @Override
    public RcvBuffer rcvBuffer() {
        return rcv.buf;
    }

    @Override
    public void onSegmentReceived(SubflowReceiver r, int len) {
        rcv.buf.grow(len, (long) rcv.ooo * cfg.mss());
    }

    /** In-order bytes delivered to the receiving application. */
    public long bytesDelivered() {
        return rcv.bytesDelivered;
    }

    /** Segments held out of order at the receiver (head-of-line blocked). */
    public int receiverOutOfOrder() {
        return rcv.ooo;
    }

    /** Segments sent again on another subflow after a subflow failed or timed out. */
    public long reinjections() {
        return reinjections;
    }

    public boolean complete() {
        return sizeBytes >= 0 && rcv.bytesDelivered >= sizeBytes;
    }
}
