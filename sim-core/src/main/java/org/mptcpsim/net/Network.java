package org.mptcpsim.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The topology of one run: nodes (hosts and switches) and link directions between them, routed by
 * {@link Routing} (shortest paths by hop count through forwarding nodes only) with ECMP: where
 * several next hops lie on shortest paths, one is chosen by a seeded hash of the flow's 5-tuple
 * and the node, so different subflows of one connection (ndiffports) may take different paths
 * while one subflow always takes the same. Routes are computed once per subflow; the hot path
 * only follows the resulting arrays.
 */
public final class Network {
    private final List<String> nodes = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    /** Indexes of {@link #nodes} (first of a name) and {@link #links}: a list search per lookup was quadratic in a fabric. */
    private final java.util.Map<String, Integer> nodeIndex = new java.util.HashMap<>();
    private final java.util.Map<Link, Integer> linkIndex = new java.util.IdentityHashMap<>();
    private final Routing graph = new Routing();
    private final long hashSeed;

    public Network(long hashSeed) {
        this.hashSeed = hashSeed;
    }

    /** Adds a node that forwards others' packets ({@code transit}: a switch, or a forwarding host) or not. */
    public int addNode(String name, boolean transit) {
        nodeIndex.putIfAbsent(name, nodes.size());
        nodes.add(name);
        return graph.addNode(transit);
    }

    /** Registers a link direction from node {@code from} to node {@code to}. */
    public void addLink(Link link, int from, int to) {
        linkIndex.putIfAbsent(link, links.size());
        links.add(link);
        graph.addEdge(from, to);
    }

    /** The index of {@code l} among {@link #links()} (-1: not added), as {@code links().indexOf(l)}. */
    private int indexOf(Link l) {
        return linkIndex.getOrDefault(l, -1);
    }

    public int nodeIndex(String name) {
        return nodeIndex.getOrDefault(name, -1);
    }

    public List<Link> links() {
        return links;
    }

    public int from(Link l) {
        return graph.from(indexOf(l));
    }

    public int to(Link l) {
        return graph.to(indexOf(l));
    }

    /**
     * The links from {@code src} to {@code dst} ({@link Routing#route}). If {@code firstHop} is
     * given the route starts with it (source routing from an interface); if {@code lastHop} is
     * given it ends with it when the routers can reach it (delivery to an address bound to an
     * interface), else it reaches {@code dst} by any link. Returns {@code null} when unreachable.
     */
    public List<Link> route(int src, Link firstHop, int dst, Link lastHop, long flowHash) {
        int[] r = graph.route(src, firstHop == null ? -1 : indexOf(firstHop), dst,
                lastHop == null ? -1 : indexOf(lastHop), node -> Routing.ecmpHash(flowHash, hashSeed, node));
        if (r == null) {
            return null;
        }
        List<Link> out = new ArrayList<>(r.length);
        for (int e : r) {
            out.add(links.get(e));
        }
        return out;
    }
}
