package org.mptcpsim.net;

/**
 * Sees every packet a link hands to the next hop (a capture at the receiving end of the link, as
 * {@code tcpdump} on the far node's interface sees it). Set only where a run asks for a capture;
 * a link without one pays a null check per delivery.
 */
public interface PacketTap {
    /** {@code p} arrives at the far end of {@code link} at {@code nowPs}, before the next hop takes it. */
    void deliver(long nowPs, Link link, Packet p);
}
