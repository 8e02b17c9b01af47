package org.mptcpsim.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

import org.mptcpsim.core.RandomStreams;

/**
 * Shortest-path routing (hop count) over a directed graph of nodes and edges, with the rule of a
 * network of Linux hosts: only <em>transit</em> nodes forward (switches and routers, and hosts
 * with IP forwarding on); an end host never carries another host's packets (Linux's default
 * {@code net.ipv4.ip_forward = 0}) but accepts a packet for any of its own addresses, whichever
 * interface it arrives on (the weak host model).
 *
 * <p>A route may start with a given edge (the source address's interface: per-address policy
 * routing, as MPTCP hosts are set up; when the destination cannot be reached from that
 * interface, the route leaves by any interface, as the main routing table would send it) and may be asked to end with a given edge (the link of the destination address):
 * routers route to that address's link when they can reach it through transit nodes; when they
 * cannot (the link's far side is reachable only through end hosts) the packet goes to the
 * destination host by its shortest route, and the host accepts it. The first packet that reaches
 * the destination host stops there.
 *
 * <p>The one implementation of the rule: the simulator's {@link Network} routes with it (choosing
 * among equal-cost next hops by a hash), the kernel lab's mapper enumerates every shortest route
 * with it. Each node keeps its outgoing and incoming edges in insertion order (so equal-cost next
 * hops are numbered in the order their links were added), and hop counts are cached per target
 * until the graph changes: a fabric's thousand subflows cost one search per destination, not a
 * scan of every edge at every hop.
 */
public final class Routing {
    private boolean[] transit = new boolean[8];
    private int nodes;
    private int[] from = new int[8];
    private int[] to = new int[8];
    private int edges;
    /** Per node, the edges leaving / entering it, in insertion order; {@code outCount}/{@code inCount} used. */
    private int[][] outEdges = new int[8][];
    private int[][] inEdges = new int[8][];
    private int[] outCount = new int[8];
    private int[] inCount = new int[8];
    /**
     * Hop counts per target, computed on first use; dropped (null) whenever a node or edge is added and made again
     * on the next search: clearing it on every addition cost nodes x edges while a k=64 fat tree was built (minutes).
     */
    private int[][] distCache;
    /** The breadth-first search's queue, kept between searches. */
    private int[] bfsQueue = new int[0];

    /** Adds a node that forwards ({@code transit}) or not; returns its index. */
    public int addNode(boolean forwards) {
        if (nodes == transit.length) {
            int n = nodes * 2;
            transit = Arrays.copyOf(transit, n);
            outEdges = Arrays.copyOf(outEdges, n);
            inEdges = Arrays.copyOf(inEdges, n);
            outCount = Arrays.copyOf(outCount, n);
            inCount = Arrays.copyOf(inCount, n);
        }
        transit[nodes] = forwards;
        outEdges[nodes] = new int[2];
        inEdges[nodes] = new int[2];
        distCache = null;
        return nodes++;
    }

    /** Adds a directed edge; returns its index. */
    public int addEdge(int a, int b) {
        if (edges == from.length) {
            from = Arrays.copyOf(from, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
        }
        from[edges] = a;
        to[edges] = b;
        outEdges[a] = append(outEdges[a], outCount[a]++, edges);
        inEdges[b] = append(inEdges[b], inCount[b]++, edges);
        distCache = null;
        return edges++;
    }

    private static int[] append(int[] list, int at, int edge) {
        int[] l = at == list.length ? Arrays.copyOf(list, 2 * at) : list;
        l[at] = edge;
        return l;
    }

    public int from(int edge) {
        return from[edge];
    }

    public int to(int edge) {
        return to[edge];
    }

    public boolean isTransit(int node) {
        return transit[node];
    }

    /**
     * One shortest route from {@code src} to {@code dst} as edge indices ({@code firstEdge},
     * {@code lastEdge}: -1 = none), choosing among equal-cost next hops at each node by
     * {@code hash(node)}; null when unreachable.
     */
    public int[] route(int src, int firstEdge, int dst, int lastEdge, LongUnaryOperator hash) {
        Plan p = plan(src, firstEdge, dst, lastEdge);
        if (p == null) {
            return null;
        }
        int[] out = new int[p.dist == null ? p.prefix.length + p.suffix.length : p.prefix.length + p.dist[p.start]
                + p.suffix.length];
        System.arraycopy(p.prefix, 0, out, 0, p.prefix.length);
        int n = p.prefix.length;
        int cur = p.start;
        while (p.dist != null && cur != p.target) {
            int[] outs = outEdges[cur];
            int options = 0;
            for (int k = 0; k < outCount[cur]; k++) {
                if (next(p, cur, outs[k])) {
                    options++;
                }
            }
            int pick = (int) Long.remainderUnsigned(hash.applyAsLong(cur), options);
            for (int k = 0; k < outCount[cur]; k++) {
                int e = outs[k];
                if (next(p, cur, e) && pick-- == 0) {
                    out[n++] = e;
                    cur = to[e];
                    break;
                }
            }
        }
        System.arraycopy(p.suffix, 0, out, n, p.suffix.length);
        return out;
    }

    /** Every shortest route (as {@link #route}, without the choice); empty when unreachable. */
    public List<int[]> routes(int src, int firstEdge, int dst, int lastEdge) {
        Plan p = plan(src, firstEdge, dst, lastEdge);
        List<int[]> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        if (p.dist == null) {
            out.add(concat(p.prefix, new int[0], p.suffix));
            return out;
        }
        List<int[]> partial = new ArrayList<>();
        partial.add(new int[0]);
        for (int step = 0; step < p.dist[p.start]; step++) {
            List<int[]> longer = new ArrayList<>();
            for (int[] r : partial) {
                int cur = r.length == 0 ? p.start : to[r[r.length - 1]];
                for (int k = 0; k < outCount[cur]; k++) {
                    int e = outEdges[cur][k];
                    if (next(p, cur, e)) {
                        int[] nr = Arrays.copyOf(r, r.length + 1);
                        nr[r.length] = e;
                        longer.add(nr);
                    }
                }
            }
            partial = longer;
        }
        for (int[] r : partial) {
            out.add(concat(p.prefix, r, p.suffix));
        }
        return out;
    }

    /** Whether edge {@code e} from {@code cur} is a next hop on a shortest route to the plan's target. */
    private boolean next(Plan p, int cur, int e) {
        int b = to[e];
        return from[e] == cur && p.dist[b] == p.dist[cur] - 1 && (b == p.target || transit[b]);
    }

    /** Where the free part of a route starts and ends, and its distances (null when nothing is free). */
    private record Plan(int[] prefix, int start, int target, int[] dist, int[] suffix) {
    }

    private Plan plan(int src, int firstEdge, int dst, int lastEdge) {
        Plan p = pinnedPlan(src, firstEdge, dst, lastEdge);
        return p != null || firstEdge < 0 ? p : pinnedPlan(src, -1, dst, lastEdge);
    }

    private Plan pinnedPlan(int src, int firstEdge, int dst, int lastEdge) {
        int[] prefix = new int[0];
        int cur = src;
        if (firstEdge >= 0) {
            if (from[firstEdge] != src) {
                return null;
            }
            prefix = new int[] {firstEdge};
            cur = to[firstEdge];
            if (cur == dst) {
                return new Plan(prefix, cur, cur, null, new int[0]);   // the host accepts it on any interface
            }
            if (!transit[cur]) {
                return null;                                          // another end host: it does not forward
            }
        }
        if (cur == dst) {
            return new Plan(prefix, cur, cur, null, new int[0]);
        }
        if (lastEdge >= 0 && to[lastEdge] == dst) {
            int t = from[lastEdge];
            if (t == cur) {
                return new Plan(prefix, cur, cur, null, new int[] {lastEdge});
            }
            if (transit[t]) {
                int[] dist = distancesTo(t);
                if (dist[cur] >= 0) {
                    return new Plan(prefix, cur, t, dist, new int[] {lastEdge});
                }
            }
        }
        int[] dist = distancesTo(dst);
        return dist[cur] < 0 ? null : new Plan(prefix, cur, dst, dist, new int[0]);
    }

    /**
     * Hop counts to {@code target} (BFS on the reversed graph) over routes whose intermediate nodes
     * are all transit nodes; -1 = unreachable.
     */
    private int[] distancesTo(int target) {
        if (distCache == null) {
            distCache = new int[nodes][];
        }
        int[] cached = distCache[target];
        if (cached != null) {
            return cached;
        }
        int[] dist = new int[nodes];
        Arrays.fill(dist, -1);
        dist[target] = 0;
        if (bfsQueue.length < nodes) {
            bfsQueue = new int[nodes];   // one queue for every search (a fabric searches once per destination)
        }
        int[] queue = bfsQueue;
        int qh = 0;
        int qt = 0;
        queue[qt++] = target;
        while (qh < qt) {
            int n = queue[qh++];
            if (n != target && !transit[n]) {
                continue;   // reachable itself, but nothing is routed through it
            }
            for (int k = 0; k < inCount[n]; k++) {
                int e = inEdges[n][k];
                if (dist[from[e]] < 0) {
                    dist[from[e]] = dist[n] + 1;
                    queue[qt++] = from[e];
                }
            }
        }
        distCache[target] = dist;
        return dist;
    }

    private static int[] concat(int[] a, int[] b, int[] c) {
        int[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    /** The hash-chosen routes of {@link Network}: the flow's hash mixed with the node. */
    static long ecmpHash(long flowHash, long seed, long node) {
        return RandomStreams.mix(flowHash ^ seed ^ (node * 0x9E3779B97F4A7C15L));
    }
}
