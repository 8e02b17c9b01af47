package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;

import org.mptcpsim.net.Routing;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.RouteSpec;
import org.mptcpsim.scenario.model.Scenario;

/**
 * A scenario's routes as the simulator computes them, for code that reads a scenario without
 * running it (the kernel lab's mapper): the same graph as the run's {@link BuiltTopology} (nodes in
 * scenario order, each link's forward then reverse direction), the same transit rule
 * ({@link NodeSpec#forwards()}) and the same algorithm ({@link Routing}), the same binding of
 * addresses to links ({@link #addressLink}), and the one lookup of explicit routes
 * ({@link #explicit}) that the run's {@link BuiltTopology#route} uses too.
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
     * The name of the address of {@code host} named {@code iface}: {@code iface} itself, or for
     * {@code null} the host's first address (its first interface under {@code hosts:}, else its first
     * link in file order), as {@link BuiltTopology#address} picks it; {@code null} for a host without links.
     */
    public static String addressName(Scenario sc, String host, String iface) {
        if (iface != null) {
            return iface;
        }
        HostSpec h = sc.hosts().get(host);
        if (h != null && !h.interfaces().isEmpty()) {
            return h.interfaces().get(0).name();
        }
        List<LinkSpec> ls = sc.linksOf(host);
        return ls.isEmpty() ? null : ls.get(0).id();
    }

    /**
     * The explicit route ({@code routes:}) for packets from address {@code fromHost:fromIface} to
     * {@code toHost:toIface} (interface names as {@link #addressName} gives them; {@link HostSpec#ANY}
     * for an address on no single link), as the links crossed in that direction; {@code null} when no
     * route applies (shortest-path ECMP then). A route applies to its address pair in both directions:
     * the reverse of its traffic (ACKs, or a subflow opened the other way) crosses its links backwards.
     * A route end without an interface matches every address of its host. Among the routes that apply,
     * the most specific wins (the most interfaces pinned), then the first in file order; the choice does
     * not depend on the direction, so a subflow's data and ACKs always follow one route.
     */
    public static List<Hop> explicit(Scenario sc, String fromHost, String fromIface, String toHost, String toIface) {
        RouteSpec best = null;
        boolean reversed = false;
        int bestScore = -1;
        for (RouteSpec r : sc.routes()) {
            int fwd = score(r.fromHost(), r.fromInterface(), r.toHost(), r.toInterface(),
                    fromHost, fromIface, toHost, toIface);
            int rev = score(r.toHost(), r.toInterface(), r.fromHost(), r.fromInterface(),
                    fromHost, fromIface, toHost, toIface);
            if (Math.max(fwd, rev) > bestScore) {
                best = r;
                reversed = rev > fwd;
                bestScore = Math.max(fwd, rev);
            }
        }
        return best == null ? null : hops(sc, best, reversed);
    }

    /**
     * How specifically a route from {@code rh:ri} to {@code sh:si} matches packets from {@code fh:fi}
     * to {@code th:ti}: the number of interfaces it pins (0 to 2), or -1 when it does not match.
     */
    private static int score(String rh, String ri, String sh, String si, String fh, String fi, String th, String ti) {
        if (!rh.equals(fh) || !sh.equals(th) || (ri != null && !ri.equals(fi)) || (si != null && !si.equals(ti))) {
            return -1;
        }
        return (ri == null ? 0 : 1) + (si == null ? 0 : 1);
    }

    /** A route's links as hops from its {@code from} host ({@code reversed}: from its {@code to} host, backwards). */
    private static List<Hop> hops(Scenario sc, RouteSpec r, boolean reversed) {
        List<Hop> out = new ArrayList<>();
        String at = r.fromHost();
        for (String id : r.via()) {
            LinkSpec l = sc.link(id);
            out.add(new Hop(l, l.from().equals(at)));
            at = l.peer(at);
        }
        if (!reversed) {
            return out;
        }
        List<Hop> back = new ArrayList<>();
        for (int i = out.size() - 1; i >= 0; i--) {
            back.add(new Hop(out.get(i).link(), !out.get(i).forward()));
        }
        return back;
    }

    /**
     * The routes from address {@code fromHost:fromIface} to {@code toHost:toIface} (an interface may be
     * null: the host's first address) the simulator chooses from: the explicit route alone when one
     * applies ({@link #explicit}), else every shortest route, in the simulator's order (it picks one of
     * them per subflow by hash). Empty when unreachable.
     */
    public List<List<Hop>> routes(String fromHost, String fromIface, String toHost, String toIface) {
        List<Hop> x = explicit(sc, fromHost, addressName(sc, fromHost, fromIface), toHost,
                addressName(sc, toHost, toIface));
        if (x != null) {
            return List.of(x);
        }
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
        int i = sc.linkIndex(id);
        return graph.from(2 * i) == n ? 2 * i : 2 * i + 1;
    }

    /** The direction of link {@code id} entering node {@code n}. */
    private int edgeInto(String id, int n) {
        int i = sc.linkIndex(id);
        return graph.to(2 * i) == n ? 2 * i : 2 * i + 1;
    }
}
