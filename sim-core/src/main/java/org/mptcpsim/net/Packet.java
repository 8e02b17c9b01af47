package org.mptcpsim.net;

/**
 * A pooled packet with primitive fields only. Its route is an array of sinks with a hop index:
 * each link hands it to {@code route[++hop]}; the last sink is the receiving endpoint.
 * The same object turns into the ACK of the data it carried and travels the reverse route.
 * {@link #next} links it into a pool, a queue or a pipe (it is in one place at a time).
 */
public final class Packet {
    public static final int DATA = 0;
    public static final int ACK = 1;
    public static final int SYN = 2;
    public static final int SYN_ACK = 3;
    /** An application request travelling the reverse path (request-response apps; not TCP-acknowledged). */
    public static final int REQUEST = 4;

    /** Route and position on it. */
    public PacketSink[] route;
    public int hop;
    /** Bytes on the wire (what queues and serialisation count). */
    public int size;
    public int type;

    // --- data segment ---
    /** Subflow segment index (the byte sequence is isn + seq x mss). */
    public int seq;
    /** Payload bytes. */
    public int payload;
    /** MPTCP data sequence number (segment units), or the segment index for plain TCP. */
    public long dsn;
    /** Send time (timestamp value), picoseconds. */
    public long tsVal;

    // --- acknowledgement ---
    /** Cumulative ACK: next expected segment index. */
    public int ack;
    /** One SACK block [sackStart, sackEnd) in segment indices; empty when equal. */
    public int sackStart;
    public int sackEnd;
    /** MPTCP DATA_ACK (next expected data segment), or -1. */
    public long dataAck;
    /** Receive window in segments. */
    public int rwnd;
    /** Echoed timestamp of the segment that triggered the ACK. */
    public long tsEcr;

    // --- link bookkeeping ---
    /** Time the packet's serialisation ends on the current link. */
    public long finishPs;
    /** Time the packet reaches the far end of the current link. */
    public long arrivePs;

    /** Intrusive list link (pool, queue or pipe). */
    public Packet next;

    void clear() {
        route = null;
        hop = 0;
        size = 0;
        type = 0;
        seq = 0;
        payload = 0;
        dsn = 0;
        tsVal = 0;
        ack = 0;
        sackStart = 0;
        sackEnd = 0;
        dataAck = -1;
        rwnd = 0;
        tsEcr = 0;
        finishPs = 0;
        arrivePs = 0;
        next = null;
    }
}
