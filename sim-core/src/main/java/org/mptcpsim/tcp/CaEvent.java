package org.mptcpsim.tcp;

/** The kernel's {@code enum tcp_ca_event} (include/net/tcp.h), as int constants. */
public final class CaEvent {
    /** First transmit when no packets in flight. */
    public static final int TX_START = 0;
    /** Congestion window restart after idle. */
    public static final int CWND_RESTART = 1;
    /** End of congestion recovery (CWR or Recovery). */
    public static final int COMPLETE_CWR = 2;
    /** Loss timeout (RTO). */
    public static final int LOSS = 3;
    /** ECN CE seen, no CE before. */
    public static final int ECN_NO_CE = 4;
    /** ECN CE seen, CE before. */
    public static final int ECN_IS_CE = 5;

    private CaEvent() {
    }
}
