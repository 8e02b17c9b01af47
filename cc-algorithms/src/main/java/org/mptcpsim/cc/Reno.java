package org.mptcpsim.cc;

import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;
import org.mptcpsim.tcp.TcpCong;
import org.mptcpsim.tcp.TcpSock;

/**
 * {@code reno}: the kernel's built-in {@code tcp_reno} ops (net/ipv4/tcp_cong.c:
 * {@code tcp_reno_cong_avoid}, {@code tcp_reno_ssthresh}, {@code tcp_reno_undo_cwnd}),
 * i.e. NewReno-style AIMD of RFC 5681 with Linux's ABC-like per-packet counting
 * ({@code tcp_cong_avoid_ai}). Uncoupled: an MPTCP subflow running reno ignores its siblings.
 * No private state.
 */
public final class Reno implements CongestionControl {
    public static final String NAME = "reno";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int ssthresh(TcpSock sk) {
        return TcpCong.renoSsthresh(sk);
    }

    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        TcpCong.renoCongAvoid(sk, ack, acked);
    }

    @Override
    public int undoCwnd(TcpSock sk) {
        return TcpCong.renoUndoCwnd(sk);
    }

    /** Registers {@code reno}; no module parameters. */
    public static final class Factory implements CongestionControlFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Flavour> flavours() {
            return Set.of(Flavour.values()); // every kernel has it
        }

        @Override
        public CongestionControl create(KernelParams params) {
            return new Reno();
        }
    }
}
