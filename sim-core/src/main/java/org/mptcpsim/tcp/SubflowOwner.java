package org.mptcpsim.tcp;

/**
 * The connection a subflow belongs to: a plain TCP connection (one subflow) or an MPTCP meta
 * socket. The subflow engine calls these on the simulation thread.
 */
public interface SubflowOwner {

    /** Sender side: the subflow finished its handshake and may carry data. */
    void onEstablished(Subflow s);

    /** Sender side: an ACK carried connection-level information (MPTCP DATA_ACK and window). */
    void onDataAck(Subflow s, long dataAck, int rwndSegments);

    /**
     * Sender side: the subflow processed an ACK (or a timer) and retransmitted what it had to;
     * the owner may now give it new data ({@link Subflow#canSendNew()}, {@link Subflow#sendNew}).
     */
    void onCanSend(Subflow s);

    /**
     * Sender side: TCP gave up on the subflow ({@link WriteTimeout}: ETIMEDOUT after
     * {@code tcp_retries2} or {@code tcp_syn_retries}); the owner closes it. A plain TCP
     * connection is aborted.
     */
    default void onWriteTimeout(Subflow s) {
        s.close();
    }

    /** Sender side: the subflow's retransmission timer fired (after its own loss processing). */
    void onRto(Subflow s);

    /** Receiver side: segment data became in-order at subflow level. */
    void onReceive(SubflowReceiver r, long dsn, int payload);

    /** Receiver side: the DATA_ACK to put in ACKs (-1 for plain TCP). */
    long receiverDataAck();

    /** Receiver side: the window to advertise in ACKs, in segments. */
    int receiverWindow(SubflowReceiver r);

    /** Receiver side: the buffer whose window the subflow advertises (the meta's for MPTCP). */
    RcvBuffer rcvBuffer();

    /**
     * Receiver side: a data segment of {@code len} bytes arrived, in order or (with SACK) out of
     * order: {@code tcp_grow_window} on {@link #rcvBuffer()} with the out-of-order data it holds.
     */
    void onSegmentReceived(SubflowReceiver r, int len);
}
