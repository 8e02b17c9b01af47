package org.mptcpsim.testnet;

import org.mptcpsim.core.Clock;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Decision;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.PacketSink;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.SubflowReceiver;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpSock;
import org.mptcpsim.tcp.TcpState;
import org.mptcpsim.trace.TraceSink;

/**
 * A connection whose subflows are set up by hand (state, srtt, cwnd, flight) for scheduler
 * state-machine tests: data segments go into a black hole, the event loop never runs, and the
 * sockets read a clock the test moves.
 */
public final class HandBuilt {
    public final EventLoop loop = new EventLoop();
    public final PacketPool pool = new PacketPool();
    public final TcpConfig cfg = TcpConfig.builder().mptcp(true).build();
    public long nowPs;
    public final Clock clock = () -> nowPs;
    public final MptcpConnection meta;
    private final PacketSink hole = p -> pool.release(p);

    public HandBuilt(PacketScheduler sched) {
        meta = new MptcpConnection(0, -1, cfg, sched, PathManager.DEFAULT);
    }

    /** Adds an established subflow with srtt {@code srttMs} (srtt_us = 8 x µs), cwnd and backup flag. */
    public Subflow subflow(int srttMs, int cwnd, boolean backup) {
        int id = meta.subflowsById().size();
        TcpSock sk = new TcpSock(clock, meta, id, cfg.mss());
        sk.state = TcpState.ESTABLISHED;
        sk.srttUs = 8 * srttMs * 1000;
        sk.sndCwnd = cwnd;
        sk.lowPrio = backup;
        Subflow s = new Subflow(loop, pool, TraceSink.NONE, meta, sk, new MiniNet.Reno(), cfg, 0, 1 + id);
        s.setRoute(new PacketSink[] {hole});
        meta.addSubflow(s, new SubflowReceiver(loop, pool, meta, cfg, id, id > 0));
        return s;
    }

    /** A first DATA_ACK: the connection becomes fully established, meta window {@code wnd} segments. */
    public void establish(int wnd) {
        meta.onDataAck(meta.subflowsById().get(0), 0, wnd);
    }

    /** Runs the scheduler once without sending: the subflow it chose, or null. */
    public Subflow next() {
        Decision d = meta.nextDecision();
        return d == null ? null : meta.subflowOf(d.subflow());
    }

    public void at(long ms) {
        nowPs = Time.ms(ms);
    }
}
