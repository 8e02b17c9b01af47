package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.RandomStreams;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.Network;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.trace.TraceSink;

/**
 * The scenario's nodes, link directions and host addresses, built into a {@link Network}.
 * Link direction ids are the scenario's link id (from -&gt; to) and {@code id:rev} (to -&gt; from).
 */
final class BuiltTopology {
    final Network net;
    /** Every link direction, in scenario order: forward then reverse of each link. */
    final List<Link> directions = new ArrayList<>();
    final Map<String, Link[]> byLinkId = new LinkedHashMap<>();
    final Map<String, List<Address>> addresses = new LinkedHashMap<>();
    private final Map<Address, Link[]> ifaceLinks = new LinkedHashMap<>();
    private final Scenario sc;

    BuiltTopology(Scenario sc, EventLoop loop, PacketPool pool, TraceSink trace, RandomStreams rnd) {
        this.sc = sc;
        this.net = new Network(rnd.stream("ecmp").nextLong());
        for (NodeSpec n : sc.nodes()) {
            net.addNode(n.id(), n.forwards());
        }
        for (LinkSpec l : sc.links()) {
            // a direction's index is its position in directions (2i forward, 2i+1 reverse: EventLog
            // names link events by it), so each is added before the next is built
            Link f = direction(l.id(), l.forward(), loop, pool, trace, rnd);
            directions.add(f);
            Link r = direction(l.id() + ":rev", l.reverse(), loop, pool, trace, rnd);
            directions.add(r);
            f.setQdisc(l.qdisc());
            r.setQdisc(l.qdisc());
            net.addLink(f, net.nodeIndex(l.from()), net.nodeIndex(l.to()));
            net.addLink(r, net.nodeIndex(l.to()), net.nodeIndex(l.from()));
            byLinkId.put(l.id(), new Link[] {f, r});
        }
        for (NodeSpec n : sc.nodes()) {
            if (!n.isHost()) {
                continue;
            }
            List<Address> list = new ArrayList<>();
            HostSpec h = sc.hosts().get(n.id());
            if (h != null && !h.interfaces().isEmpty()) {
                for (InterfaceSpec i : h.interfaces()) {
                    boolean any = HostSpec.ANY.equals(i.name());
                    Address a = new Address(n.id(), any ? null : i.name(), list.size() + 1, i.backup());
                    list.add(a);
                    if (!any && i.links().size() == 1) {
                        ifaceLinks.put(a, hostSide(n.id(), i.links().get(0)));
                    }
                }
            } else {
                for (LinkSpec l : sc.linksOf(n.id())) {
                    Address a = new Address(n.id(), l.id(), list.size() + 1, false);
                    list.add(a);
                    ifaceLinks.put(a, hostSide(n.id(), l.id()));
                }
            }
            addresses.put(n.id(), list);
        }
    }

    private Link direction(String id, DirectionSpec d, EventLoop loop, PacketPool pool, TraceSink trace,
                           RandomStreams rnd) {
        Link l = new Link(directions.size(), id, loop, pool, trace, rnd.stream("link:" + id), d.rateBps(),
                d.delayPs(), Long.MAX_VALUE, Integer.MAX_VALUE, d.loss());
        if (d.model() != null) {
            // Gilbert-Elliott loss draws from the link's own stream (as its Bernoulli loss would); the
            // delay jitter has a stream of its own, so adding it leaves the loss pattern as it was
            l.setModel(d.model().build(d.model().jitter() == null ? null : rnd.stream("link-jitter:" + id)));
        }
        return l;
    }

    /** {out of host, into host} directions of a link attached to {@code host}. */
    private Link[] hostSide(String host, String linkId) {
        LinkSpec l = sc.link(linkId);
        Link[] d = byLinkId.get(linkId);
        return l.from().equals(host) ? new Link[] {d[0], d[1]} : new Link[] {d[1], d[0]};
    }

    /** The direction leaving the host through this address's interface, or null for "any". */
    Link out(Address a) {
        Link[] d = ifaceLinks.get(a);
        return d == null ? null : d[0];
    }

    /** The direction entering the host through this address's interface, or null for "any". */
    Link in(Address a) {
        Link[] d = ifaceLinks.get(a);
        return d == null ? null : d[1];
    }

    /**
     * The address of {@code host} named {@code iface} (null = its first address: its first interface
     * under {@code hosts:}, else the address of its first link in file order, as
     * {@link ScenarioRoutes#addressLink}).
     */
    Address address(String host, String iface) {
        List<Address> list = addresses.get(host);
        if (list == null || list.isEmpty()) {
            return null;
        }
        if (iface == null) {
            return list.get(0);
        }
        for (Address a : list) {
            if (iface.equals(a.iface()) || (a.iface() == null && HostSpec.ANY.equals(iface))) {
                return a;
            }
        }
        return null;
    }

    /**
     * The links a packet from address {@code from} to address {@code to} crosses: the explicit route
     * when one applies ({@link ScenarioRoutes#explicit}, the lookup the kernel lab's mapper uses too),
     * else a shortest route through forwarding nodes, chosen among equal-cost ones by {@code hash}
     * ({@link Network#route}); {@code null} when unreachable.
     */
    List<Link> route(Address from, Address to, long hash) {
        List<ScenarioRoutes.Hop> x = ScenarioRoutes.explicit(sc, from.host(), name(from), to.host(), name(to));
        if (x != null) {
            return x.stream().map(h -> byLinkId.get(h.link().id())[h.forward() ? 0 : 1]).toList();
        }
        return net.route(net.nodeIndex(from.host()), out(from), net.nodeIndex(to.host()), in(to), hash);
    }

    /** The interface name of an address as {@code routes:} name it ({@link HostSpec#ANY} for "any"). */
    private static String name(Address a) {
        return a.iface() == null ? HostSpec.ANY : a.iface();
    }

    /** Whether an address's interface is up (an "any" address is always up). */
    boolean isUp(Address a) {
        Link o = out(a);
        return o == null || o.isUp();
    }

    /** Resolves a buffer to bytes or packets for a link direction; BDP uses {@code rttPs}. */
    static void applyBuffer(Link l, BufferSpec b, long rttPs, int wireBytes) {
        switch (b.kind()) {
            case PACKETS -> l.setLimits(Long.MAX_VALUE, (int) Math.min(Integer.MAX_VALUE, Math.max(1, b.count())));
            case BYTES -> l.setLimits(Math.max(1, b.count()), Integer.MAX_VALUE);
            case BDP -> {
                // rate x rtt in bytes, expressed in packets of the MTU (as "1666 packets of 1500 B")
                double bytes = b.value() * l.rateBps() / 8.0 * rttPs / 1e12;
                // clamped: a long delay times a fast rate exceeds an int of packets
                l.setLimits(Long.MAX_VALUE, (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(bytes / wireBytes))));
            }
            default -> throw new IllegalStateException();
        }
    }
}
