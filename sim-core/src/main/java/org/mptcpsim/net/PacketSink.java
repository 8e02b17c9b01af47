package org.mptcpsim.net;

/** Something a packet is handed to: a link direction or a TCP endpoint. */
public interface PacketSink {
    /** Takes ownership of {@code p}. */
    void receive(Packet p);
}
