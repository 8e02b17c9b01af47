package org.mptcpsim.net;

import java.util.List;

/**
 * The hops of one direction of a path (links, in order), without its end. A packet's route is the
 * hops followed by the endpoint that consumes it (the peer's receiver, or the sender for ACKs):
 * {@link #to}. Immutable; built once per subflow, never per packet.
 */
public final class Route {
    private final PacketSink[] hops;

    private Route(PacketSink[] hops) {
        this.hops = hops;
    }

    public static Route of(PacketSink... hops) {
        return new Route(hops.clone());
    }

    public static Route of(List<? extends PacketSink> hops) {
        return new Route(hops.toArray(new PacketSink[0]));
    }

    /** The packet route: these hops, then {@code end}. */
    public PacketSink[] to(PacketSink end) {
        PacketSink[] r = new PacketSink[hops.length + 1];
        System.arraycopy(hops, 0, r, 0, hops.length);
        r[hops.length] = end;
        return r;
    }

    /** Number of hops. */
    public int length() {
        return hops.length;
    }
}
