package org.mptcpsim.mptcp;

import org.mptcpsim.tcp.CaState;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpSock;

/** The {@link SubflowView} of one subflow of a connection; made once, when the subflow joins. */
final class SubflowHandle implements SubflowView {
    final Subflow subflow;
    private final TcpSock sk;
    private final MptcpConnection meta;
    private final long bit;

    SubflowHandle(MptcpConnection meta, Subflow subflow) {
        this.meta = meta;
        this.subflow = subflow;
        this.sk = subflow.sk;
        this.bit = MptcpConnection.subflowBit(subflow);
    }

    @Override
    public int id() {
        return sk.id;
    }

    @Override
    public long bit() {
        return bit;
    }

    @Override
    public boolean isBackup() {
        return sk.isBackup();
    }

    @Override
    public boolean potentiallyFailed() {
        return sk.pf;
    }

    @Override
    public boolean canSend() {
        return sk.canSend() && !subflow.isClosed();
    }

    @Override
    public boolean tempUnavailable(long dsn, boolean cwndTest) {
        if (sk.caState == CaState.LOSS) {
            return true;
        }
        if (!meta.fullyEstablished() && subflow.dataSegmentsSent() > 0 && dsn != meta.sndNxt()) {
            return true;
        }
        if (cwndTest && sk.packetsInFlight() >= sk.sndCwnd) {
            return true;
        }
        // out-of-tree mptcp_is_temp_unavailable: "If TSQ is already throttling us, do not send on this subflow" (only
        // subflows the scenario's config holds to TSQ have one)
        if (subflow.tsqThrottled()) {
            return true;
        }
        return subflow.unackedCount() + 1 > subflow.peerWindow();
    }

    @Override
    public int srttUs() {
        return sk.srttUs;
    }

    @Override
    public int cwnd() {
        return sk.sndCwnd;
    }

    @Override
    public int ssthresh() {
        return sk.sndSsthresh;
    }

    @Override
    public int packetsInFlight() {
        return sk.packetsInFlight();
    }

    @Override
    public int caState() {
        return sk.caState;
    }

    @Override
    public long pacingRate() {
        return sk.skPacingRate;
    }

    @Override
    public long queuedBytes() {
        return (long) sk.packetsOut * sk.mssCache;
    }

    @Override
    public int mssCache() {
        return sk.mssCache;
    }

    @Override
    public int mss() {
        return subflow.cfg.mss();
    }

    @Override
    public int unackedCount() {
        return subflow.unackedCount();
    }

    @Override
    public int jiffies32() {
        return sk.jiffies32();
    }

    @Override
    public void penalise() {
        int prior = sk.sndCwnd;
        sk.sndCwnd = Math.max(prior >> 1, 1);
        if (prior >= sk.sndSsthresh) {
            sk.sndSsthresh = Math.max(sk.sndSsthresh >> 1, 2);
        }
    }
}
