package org.mptcpsim.tcp;

/** The kernel's TCP socket states that matter to the simulator ({@code include/net/tcp_states.h}). */
public final class TcpState {
    public static final int ESTABLISHED = 1;
    public static final int SYN_SENT = 2;
    public static final int SYN_RECV = 3;
    public static final int CLOSE_WAIT = 8;
    public static final int CLOSE = 7;

    private TcpState() {
    }
}
