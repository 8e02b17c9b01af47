package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;

import org.mptcpsim.net.Routing;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;

/**
 * A scenario's routes as the simulator computes them, for code that reads a scenario without
 * running it (the kernel lab's mapper): the same graph as the run's {@link BuiltTopology} (nodes in
 * scenario order, each link's forward then reverse direction), the same transit rule
 * ({@link NodeSpec#forwards()}) and the same algorithm ({@link Routing}), and the same binding of
 * addresses to links ({@link #addressLink}).
 */
public final class ScenarioRoutes {
    /** One link crossed in the data direction: {@code forward} = from its {@code from} to its {@code to}. */
    public record Hop(LinkSpec link, boolean forward) {
    }

    private final Scenario sc;
    private final Routing graph = new Routing();

    public ScenarioRoutes(Scenario sc) {
        this.sc = sc;
        for (NodeSpec n : sc.nodes()) {
            graph.addNode(n.forwards());
        }
        for (LinkSpec l : sc.links()) {
            graph.addEdge(node(l.from()), node(l.to()));
            graph.addEdge(node(l.to()), node(l.from()));
        }
    }

    private int node(String id) {
        for (int i = 0; i < sc.nodes().size(); i++) {
            if (sc.nodes().get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown node " + id);
    }

    /**
     * The link an address of {@code host} is bound to: the interface named {@code iface} ({@code null}
     * = the host's first address: its first interface under {@code hosts:}, else its first link in
     * file order); {@code null} when the address is not bound to exactly one link (the short form's
     * {@code any}). {@link BuiltTopology} binds addresses the same way.
     */
    public static String addressLink(Scenario sc, String host, String iface) {
        HostSpec h = sc.hosts().get(host);
        if (h != null && !h.interfaces().isEmpty()) {
            InterfaceSpec i = iface == null ? h.interfaces().get(0) : h.iface(iface);
            return i == null || HostSpec.ANY.equals(i.name()) || i.links().size() != 1 ? null : i.links().get(0);
        }
        List<LinkSpec> ls = sc.linksOf(host);
        if (iface == null) {
            return ls.isEmpty() ? null : ls.get(0).id();
        }
        return ls.stream().anyMatch(l -> l.id().equals(iface)) ? iface : null;
    }

    /**
     * Every shortest route from address {@code fromHost:fromIface} to {@code toHost:toIface} (an
     * interface may be null: the host's first address), in the simulator's order; the simulator picks
     * one of them per subflow by hash. Empty when unreachable.
     */
    public List<List<Hop>> routes(String fromHost, String fromIface, String toHost, String toIface) {
        String out = addressLink(sc, fromHost, fromIface);
        String in = addressLink(sc, toHost, toIface);
        int src = node(fromHost);
        int dst = node(toHost);
        List<List<Hop>> found = new ArrayList<>();
        for (int[] r : graph.routes(src, out == null ? -1 : edge(out, src), dst, in == null ? -1 : edgeInto(in, dst))) {
            List<Hop> hops = new ArrayList<>();
            for (int e : r) {
                hops.add(new Hop(sc.links().get(e / 2), e % 2 == 0));
            }
            found.add(hops);
        }
        return found;
    }

    /** The direction of link {@code id} leaving node {@code n}. */
    private int edge(String id, int n) {
        int i = sc.links().indexOf(sc.link(id));
        return graph.from(2 * i) == n ? 2 * i : 2 * i + 1;
    }

    /** The direction of link {@code id} entering node {@code n}. */
    private int edgeInto(String id, int n) {
        int i = sc.links().indexOf(sc.link(id));
        return graph.to(2 * i) == n ? 2 * i : 2 * i + 1;
    }
}
