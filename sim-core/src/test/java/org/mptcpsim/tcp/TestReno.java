package org.mptcpsim.tcp;

/** Reno from the kernel primitives, for engine tests that must not depend on cc-algorithms. */
public final class TestReno implements CongestionControl {
    @Override
    public String name() {
        return "reno";
    }

    @Override
    public int ssthresh(TcpSock sk) {
        return TcpCong.renoSsthresh(sk);
    }

    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        TcpCong.renoCongAvoid(sk, ack, acked);
    }
}
