package org.mptcpsim.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.mptcpsim.core.RandomStreams;

/**
 * The topology of one run: nodes (hosts and switches) and link directions between them, with
 * shortest-path routing (hop count) and ECMP: where several next hops lie on shortest paths, one
 * is chosen by a seeded hash of the flow's 5-tuple and the node, so different subflows of one
 * connection (ndiffports) may take different paths while one subflow always takes the same.
 * Routes are computed once per subflow from per-node adjacency lists and hop counts cached per
 * destination; the hot path only follows the resulting arrays.
 */
public final class Network {
    private final List<String> nodes = new ArrayList<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<Link, Integer> linkIndex = new IdentityHashMap<>();
    private int[] linkFrom = new int[16];
    private int[] linkTo = new int[16];
    /** Per node, the indices of the link directions leaving / entering it, in insertion order. */
    private final List<int[]> out = new ArrayList<>();
    private final List<int[]> in = new ArrayList<>();
    private final List<Integer> outCount = new ArrayList<>();
    private final List<Integer> inCount = new ArrayList<>();
    /** Hop counts to each target, computed on first use (the topology is fixed once routes are asked for). */
    private int[][] distances = new int[0][];
    private final long hashSeed;

    public Network(long hashSeed) {
        this.hashSeed = hashSeed;
    }

    /** Adds a node; returns its index. */
    public int addNode(String name) {
        nodes.add(name);
        nodeIndex.putIfAbsent(name, nodes.size() - 1);
        out.add(new int[2]);
        in.add(new int[2]);
        outCount.add(0);
        inCount.add(0);
        distances = new int[0][];
        return nodes.size() - 1;
    }

    /** Registers a link direction from node {@code from} to node {@code to}. */
    public void addLink(Link link, int from, int to) {
        int i = links.size();
        links.add(link);
        linkIndex.putIfAbsent(link, i);
        if (i == linkFrom.length) {
            linkFrom = Arrays.copyOf(linkFrom, 2 * i);
            linkTo = Arrays.copyOf(linkTo, 2 * i);
        }
        linkFrom[i] = from;
        linkTo[i] = to;
        append(out, outCount, from, i);
        append(in, inCount, to, i);
        distances = new int[0][];
    }

    private static void append(List<int[]> lists, List<Integer> counts, int node, int link) {
        int[] a = lists.get(node);
        int n = counts.get(node);
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
            lists.set(node, a);
        }
        a[n] = link;
        counts.set(node, n + 1);
    }

    public int nodeIndex(String name) {
        Integer i = nodeIndex.get(name);
        return i == null ? -1 : i;
    }

    public List<Link> links() {
        return links;
    }

    public int from(Link l) {
        return linkFrom[linkIndex.get(l)];
    }

    public int to(Link l) {
        return linkTo[linkIndex.get(l)];
    }

    /**
     * The links from {@code src} to {@code dst}. If {@code firstHop} is given the route starts
     * with it (source routing from an interface); if {@code lastHop} is given it ends with it
     * (delivery to an address bound to an interface). Returns {@code null} when unreachable.
     * Where several next hops lie on shortest paths, they are numbered in the order their links
     * were added and the flow hash picks one.
     */
    public List<Link> route(int src, Link firstHop, int dst, Link lastHop, long flowHash) {
        List<Link> route = new ArrayList<>();
        int cur = src;
        if (firstHop != null) {
            if (from(firstHop) != src) {
                return null;
            }
            route.add(firstHop);
            cur = to(firstHop);
            if (lastHop == firstHop) {
                return route;
            }
        }
        int target = lastHop == null ? dst : from(lastHop);
        int[] dist = distancesTo(target);
        if (dist[cur] < 0) {
            return null;
        }
        while (cur != target) {
            int[] outs = out.get(cur);
            int n = outCount.get(cur);
            int options = 0;
            for (int k = 0; k < n; k++) {
                if (dist[linkTo[outs[k]]] == dist[cur] - 1) {
                    options++;
                }
            }
            long h = RandomStreams.mix(flowHash ^ hashSeed ^ ((long) cur * 0x9E3779B97F4A7C15L));
            int pick = (int) Long.remainderUnsigned(h, options);
            for (int k = 0; k < n; k++) {
                int i = outs[k];
                if (dist[linkTo[i]] == dist[cur] - 1 && pick-- == 0) {
                    route.add(links.get(i));
                    cur = linkTo[i];
                    break;
                }
            }
        }
        if (lastHop != null) {
            route.add(lastHop);
        }
        return route;
    }

    /** Hop counts to {@code target} over link directions (BFS on the reversed graph); -1 = unreachable. */
    private int[] distancesTo(int target) {
        if (distances.length != nodes.size()) {
            distances = new int[nodes.size()][];
        }
        int[] cached = distances[target];
        if (cached != null) {
            return cached;
        }
        int[] dist = new int[nodes.size()];
        Arrays.fill(dist, -1);
        dist[target] = 0;
        int[] queue = new int[nodes.size()];
        int qh = 0;
        int qt = 0;
        queue[qt++] = target;
        while (qh < qt) {
            int n = queue[qh++];
            int[] ins = in.get(n);
            int c = inCount.get(n);
            for (int k = 0; k < c; k++) {
                int from = linkFrom[ins[k]];
                if (dist[from] < 0) {
                    dist[from] = dist[n] + 1;
                    queue[qt++] = from;
                }
            }
        }
        distances[target] = dist;
        return dist;
    }
}
