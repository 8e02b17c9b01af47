package org.mptcpsim.net;

/**
 * A free list of packets. Steady state allocates nothing: a packet is taken when a segment is
 * sent and returned when its ACK has been processed or it is dropped. One pool per run.
 */
public final class PacketPool {
    private Packet free;
    private long allocated;

    /** A cleared packet. */
    public Packet take() {
        Packet p = free;
        if (p == null) {
            allocated++;
            p = new Packet();
            p.dataAck = -1;
            return p;
        }
        free = p.next;
        p.next = null;
        return p;
    }

    /** Returns {@code p} to the pool; the caller must not touch it afterwards. */
    public void release(Packet p) {
        p.clear();
        p.next = free;
        free = p;
    }

    /** Packets ever allocated (a bounded number in steady state). */
    public long allocated() {
        return allocated;
    }
}
