package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.RouteSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/**
 * Binds {@code paths}, {@code nodes}, {@code links}, {@code hosts} and {@code routes}; expands the
 * short form (hosts {@code client} and {@code server}, one link per path, the server's single
 * interface {@code any}); checks ids are unique and every reference exists.
 */
final class TopologyBinder {

    static final String CLIENT = "client";
    static final String SERVER = "server";
    /** The short form's one connection (paths: without connections:), client to server. */
    static final String SHORT_FORM_CONNECTION = "m1";

    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, LinkSpec> links = new LinkedHashMap<>();
    private final List<String> pathIds = new ArrayList<>();

    /**
     * The topology, or {@code null} with its errors in {@code pr}: each path, node and link is bound on its own
     * (every bad one reported); links' endpoints are checked only when every node bound, hosts and routes only
     * when everything before them did (their errors could follow from an earlier one).
     */
    static Topology bind(Obj top, Problems pr) {
        return new TopologyBinder().run(top, pr);
    }

    private Topology run(Obj top, Problems pr) {
        int start = pr.mark();
        generatedAndPaths(top, pr);
        nodesAndLinks(top, pr, start);
        if (pr.since(start)) {
            return null;
        }
        return pr.attempt(() -> finish(top, pr));
    }

    /** {@code topology:} (a generator's nodes and links) and the short form's {@code paths:}. */
    private void generatedAndPaths(Obj top, Problems pr) {
        if (top.has("topology")) {
            pr.attempt(() -> {
                if (top.has("paths")) {
                    throw new ScenarioException(top.loc("topology"), "a generated topology cannot be combined with"
                            + " the short form \"paths\"; use nodes and links to add to it");
                }
                Generators.Expansion g = Generators.bind(top.opt("topology"));
                for (NodeSpec n : g.nodes()) {
                    nodes.put(n.id(), n);
                }
                for (LinkSpec l : g.links()) {
                    links.put(l.id(), l);
                }
            });
        }
        if (top.has("paths")) {
            List<Node> items = pr.attempt(() -> Val.list(top.opt("paths"), "paths",
                    "paths ({id: wifi, rate: 20Mbit, ...})"));
            Loc at = top.loc("paths");
            nodes.put(CLIENT, new NodeSpec(CLIENT, NodeSpec.Type.HOST, at));
            nodes.put(SERVER, new NodeSpec(SERVER, NodeSpec.Type.HOST, at));
            for (int i = 0; items != null && i < items.size(); i++) {
                Node item = items.get(i);
                String p = Val.item("paths", item, i);
                pr.attempt(() -> {
                    LinkSpec l = LinkBinder.path(item, p);
                    addLink(l, item);
                    pathIds.add(l.id());
                });
            }
        }
    }

    /**
     * {@code nodes:} and {@code links:}, each entry on its own; links' endpoints are checked only if nothing failed
     * since {@code start} (a generated topology's nodes or the declared ones).
     */
    private void nodesAndLinks(Obj top, Problems pr, int start) {
        if (top.has("nodes")) {
            List<Node> items = pr.attempt(() -> Val.list(top.opt("nodes"), "nodes", "nodes ({id: r1, type: switch})"));
            for (int i = 0; items != null && i < items.size(); i++) {
                int k = i;
                pr.attempt(() -> bindNode(items.get(k), k));
            }
        }
        boolean nodesBound = !pr.since(start);
        if (top.has("links")) {
            List<Node> items = pr.attempt(() -> Val.list(top.opt("links"), "links",
                    "links ({id: l1, from: a, to: b, ...})"));
            for (int i = 0; items != null && i < items.size(); i++) {
                Node item = items.get(i);
                String p = Val.item("links", item, i);
                pr.attempt(() -> {
                    LinkSpec l = LinkBinder.link(item, p);
                    checkUnique(l, item);   // the duplicate id first: it is the link's first field
                    if (nodesBound) {   // else an unknown node may be one whose declaration had an error
                        Obj o = new Obj(item, p, "a link", Schema.LINK);
                        checkNode(l.from(), o.loc("from"));
                        checkNode(l.to(), o.loc("to"));
                    }
                    links.put(l.id(), l);
                });
            }
        }
    }

    /**
     * Checks there are links, then binds what stands on nodes and links: the hosts' interfaces and the routes, each
     * entry on its own (its error in {@code pr}; the topology holds the good ones, so connections are still checked).
     */
    private Topology finish(Obj top, Problems pr) {
        if (links.isEmpty()) {
            throw new ScenarioException(top.loc(), "the scenario has no links: give \"paths\" (client and server"
                    + " joined by parallel paths), \"nodes\" and \"links\", or a generated \"topology\"");
        }
        Map<String, HostSpec> hosts = interfaces();
        if (top.has("hosts")) {
            pr.attempt(() -> HostsBinder.apply(top.opt("hosts"), hosts, pr));
        }
        Topology t = new Topology(nodes, links, hosts, List.of(), !pathIds.isEmpty());
        List<RouteSpec> routes = top.has("routes") ? pr.attempt(() -> RoutesBinder.bind(top.opt("routes"), t, pr)) : null;
        routes = routes == null ? List.of() : routes;
        return new Topology(nodes, links, hosts, routes, t.shortForm());
    }

    private void bindNode(Node item, int i) {
        String p = Val.item("nodes", item, i);
        Obj o = new Obj(item, p, "a node", Schema.NODE);
        String id = Val.id(o.req("id"), o.sub("id"));
        String type = Val.choice(o.req("type"), o.sub("type"), List.of("host", "switch"));
        boolean host = type.equals("host");
        boolean forwarding = o.has("forwarding") && Val.bool(o.opt("forwarding"), o.sub("forwarding"));
        if (o.has("forwarding") && !host) {
            throw new ScenarioException(o.loc("forwarding"), "forwarding applies to hosts (a host that also"
                    + " routes others' packets); a switch always forwards: remove the field", List.of("host"));
        }
        NodeSpec n = new NodeSpec(id, host ? NodeSpec.Type.HOST : NodeSpec.Type.SWITCH, forwarding, o.loc());
        NodeSpec old = nodes.get(id);
        boolean shortFormHost = !pathIds.isEmpty() && (id.equals(CLIENT) || id.equals(SERVER));
        if (old != null && shortFormHost && n.isHost()) {
            return;
        }
        if (old != null) {
            String why = shortFormHost ? " (the short form \"paths\" already defines hosts client and server)"
                    : " (first at " + origin(old.loc(), old.loc().where()) + ")";
            throw new ScenarioException(o.loc("id"), "duplicate node id \"" + id + "\"" + why);
        }
        nodes.put(id, n);
    }

    /** Adds a path's or link's {@code l}, written as {@code item}, after {@link #checkUnique}. */
    private void addLink(LinkSpec l, Node item) {
        checkUnique(l, item);
        links.put(l.id(), l);
    }

    /** Refuses a path's or link's {@code l} whose id is taken, located at the id as {@code item} writes it. */
    private void checkUnique(LinkSpec l, Node item) {
        LinkSpec old = links.get(l.id());
        if (old != null) {
            Node id = item instanceof MapNode m ? m.get("id") : null;
            Loc at = (id != null ? id.loc() : l.loc()).withPath(l.loc().path() + ".id");
            throw new ScenarioException(at, "duplicate link id \"" + l.id() + "\" (first at "
                    + origin(old.loc(), old.loc().toString()) + "); paths and links share one id space");
        }
    }

    /** Where a node or link was declared: its file position, or the generator that made it. */
    private static String origin(Loc loc, String declared) {
        return loc.path().startsWith("topology.") ? loc.path() + " at " + loc.where() : declared;
    }

    private void checkNode(String id, Loc loc) {
        if (!nodes.containsKey(id)) {
            List<String> known = List.copyOf(nodes.keySet());
            throw new ScenarioException(loc, "unknown node \"" + id + "\"; declare it under nodes"
                    + Names.didYouMean(id, known), known);
        }
    }

    /** Each host's interfaces: one per attached link; a short-form server has one, "any". */
    private Map<String, HostSpec> interfaces() {
        // each node's links in link order, indexed once: asking every link of every host was hosts x links (a k=64 fat
        // tree's 65 536 hosts x 196 608 links kept check busy for minutes)
        Map<String, List<LinkSpec>> linksOf = new java.util.HashMap<>();
        for (LinkSpec l : links.values()) {
            linksOf.computeIfAbsent(l.from(), x -> new ArrayList<>()).add(l);
            if (!l.to().equals(l.from())) {
                linksOf.computeIfAbsent(l.to(), x -> new ArrayList<>()).add(l);
            }
        }
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        for (NodeSpec n : nodes.values()) {
            if (!n.isHost()) {
                continue;
            }
            List<InterfaceSpec> ifs = new ArrayList<>();
            List<String> anyLinks = new ArrayList<>();
            for (LinkSpec l : linksOf.getOrDefault(n.id(), List.of())) {
                if (n.id().equals(SERVER) && pathIds.contains(l.id())) {
                    anyLinks.add(l.id());
                } else {
                    ifs.add(new InterfaceSpec(l.id(), List.of(l.id()), false, l.loc()));
                }
            }
            if (!anyLinks.isEmpty()) {
                ifs.add(0, new InterfaceSpec(HostSpec.ANY, anyLinks, false, n.loc()));
            }
            hosts.put(n.id(), new HostSpec(n.id(), ifs, n.loc()));
        }
        return hosts;
    }
}
