package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.RouteSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/**
 * Binds {@code routes:} and checks each {@code via} is a connected chain of links from the
 * {@code from} address to the {@code to} address through forwarding nodes only, and that no two
 * routes are for the same address pair (a route covers both directions).
 */
final class RoutesBinder {

    private RoutesBinder() {
    }

    /** The routes that bind, each on its own; the error of every bad one recorded in {@code pr}. */
    static List<RouteSpec> bind(Node node, Topology topo, Problems pr) {
        List<RouteSpec> out = new ArrayList<>();
        List<Node> items = Val.list(node, "routes", "routes ({from: client:wifi, to: server, via: [...]})");
        for (int i = 0; i < items.size(); i++) {
            String p = "routes[" + i + "]";
            Node item = items.get(i);
            pr.attempt(() -> one(item, p, topo, out));
        }
        return out;
    }

    private static void one(Node item, String p, Topology topo, List<RouteSpec> out) {
        Obj o = new Obj(item, p, "a route", Schema.ROUTE);
        EndpointRef from = EndpointRef.parse(o.req("from"), o.sub("from"), topo);
        EndpointRef to = EndpointRef.parse(o.req("to"), o.sub("to"), topo);
        if (from.host().equals(to.host())) {
            throw new ScenarioException(o.loc("to"), "a route joins two different hosts (from and to are both "
                    + to.host() + ")");
        }
        List<Node> via = Val.list(o.req("via"), o.sub("via"), "link ids");
        if (via.isEmpty()) {
            throw new ScenarioException(o.loc("via"), "a route crosses at least one link");
        }
        List<String> ids = links(via, o.sub("via"), from, to, topo);
        RouteSpec r = new RouteSpec(from.host(), from.iface(), to.host(), to.iface(), ids, o.loc());
        checkUnique(r, out, o.loc("from"));
        out.add(r);
    }

    /** The link ids of a {@code via}, checked to lead from {@code from} to {@code to} through forwarding nodes. */
    private static List<String> links(List<Node> via, String path, EndpointRef from, EndpointRef to, Topology topo) {
        List<String> ids = new ArrayList<>();
        String at = from.host();
        for (int j = 0; j < via.size(); j++) {
            String vp = path + "[" + j + "]";
            String id = Val.id(via.get(j), vp);
            Loc loc = via.get(j).loc().withPath(vp);
            LinkSpec l = topo.links().get(id);
            if (l == null) {
                List<String> known = List.copyOf(topo.links().keySet());
                throw new ScenarioException(loc, "unknown link \"" + id + "\"" + Names.didYouMean(id, known), known);
            }
            if (!l.touches(at)) {
                throw new ScenarioException(loc, "link " + id + " (" + l.from() + " - " + l.to()
                        + ") does not continue the route at node " + at);
            }
            if (j == 0) {
                checkInterface(from, id, "leaves", loc, topo);
            }
            at = l.peer(at);
            if (j < via.size() - 1 && !topo.node(at).forwards()) {
                throw new ScenarioException(loc, "the route passes through host " + at + "; hosts do not forward"
                        + " (Linux's ip_forward=0) unless they say forwarding: true");
            }
            if (j == via.size() - 1 && at.equals(to.host())) {
                checkInterface(to, id, "reaches", loc, topo);
            }
            ids.add(id);
        }
        if (!at.equals(to.host())) {
            throw new ScenarioException(via.get(via.size() - 1).loc().withPath(path + "[" + (via.size() - 1) + "]"),
                    "the route ends at " + at + ", not at " + to.host());
        }
        return ids;
    }

    /** A route end pinned to an interface must use a link of that interface. */
    private static void checkInterface(EndpointRef end, String linkId, String verb, Loc loc, Topology topo) {
        if (end.iface() != null && !topo.host(end.host()).iface(end.iface()).links().contains(linkId)) {
            throw new ScenarioException(loc, "the route " + verb + " " + end.host() + ":" + end.iface()
                    + ", which is not attached to link " + linkId);
        }
    }

    /**
     * No two routes for one address pair: a route also carries the pair's reverse direction (its links
     * backwards), so a second route for the same pair, either way round, would never apply.
     */
    private static void checkUnique(RouteSpec r, List<RouteSpec> earlier, Loc loc) {
        String a = end(r.fromHost(), r.fromInterface());
        String b = end(r.toHost(), r.toInterface());
        for (RouteSpec e : earlier) {
            if (Set.of(a, b).equals(Set.of(end(e.fromHost(), e.fromInterface()), end(e.toHost(), e.toInterface())))) {
                throw new ScenarioException(loc, "a route between " + a + " and " + b + " is already given at "
                        + e.loc().where() + "; a route also carries the reverse direction (its links"
                        + " backwards), so give one route per address pair");
            }
        }
    }

    private static String end(String host, String iface) {
        return iface == null ? host : host + ":" + iface;
    }
}
