package org.mptcpsim.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mptcpsim.core.RandomStreams;

/**
 * The topology of one run: nodes (hosts and switches) and link directions between them, with
 * shortest-path routing (hop count) and ECMP: where several next hops lie on shortest paths, one
 * is chosen by a seeded hash of the flow's 5-tuple and the node, so different subflows of one
 * connection (ndiffports) may take different paths while one subflow always takes the same.
 * Routes are computed once per subflow; the hot path only follows the resulting arrays.
 */
public final class Network {
    private final List<String> nodes = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<int[]> ends = new ArrayList<>();
    private final long hashSeed;

    public Network(long hashSeed) {
        this.hashSeed = hashSeed;
    }

    /** Adds a node; returns its index. */
    public int addNode(String name) {
        nodes.add(name);
        return nodes.size() - 1;
    }

    /** Registers a link direction from node {@code from} to node {@code to}. */
    public void addLink(Link link, int from, int to) {
        links.add(link);
        ends.add(new int[] {from, to});
    }

    public int nodeIndex(String name) {
        return nodes.indexOf(name);
    }

    public List<Link> links() {
        return links;
    }

    public int from(Link l) {
        return ends.get(links.indexOf(l))[0];
    }

    public int to(Link l) {
        return ends.get(links.indexOf(l))[1];
    }

    /**
     * The links from {@code src} to {@code dst}. If {@code firstHop} is given the route starts
     * with it (source routing from an interface); if {@code lastHop} is given it ends with it
     * (delivery to an address bound to an interface). Returns {@code null} when unreachable.
     */
    public List<Link> route(int src, Link firstHop, int dst, Link lastHop, long flowHash) {
        List<Link> out = new ArrayList<>();
        int cur = src;
        if (firstHop != null) {
            if (from(firstHop) != src) {
                return null;
            }
            out.add(firstHop);
            cur = to(firstHop);
            if (lastHop == firstHop) {
                return out;
            }
        }
        int target = lastHop == null ? dst : from(lastHop);
        int[] dist = distancesTo(target);
        if (dist[cur] < 0) {
            return null;
        }
        while (cur != target) {
            int options = 0;
            for (int i = 0; i < links.size(); i++) {
                int[] e = ends.get(i);
                if (e[0] == cur && dist[e[1]] == dist[cur] - 1) {
                    options++;
                }
            }
            long h = RandomStreams.mix(flowHash ^ hashSeed ^ ((long) cur * 0x9E3779B97F4A7C15L));
            int pick = (int) Long.remainderUnsigned(h, options);
            for (int i = 0; i < links.size(); i++) {
                int[] e = ends.get(i);
                if (e[0] == cur && dist[e[1]] == dist[cur] - 1) {
                    if (pick-- == 0) {
                        out.add(links.get(i));
                        cur = e[1];
                        break;
                    }
                }
            }
        }
        if (lastHop != null) {
            out.add(lastHop);
        }
        return out;
    }

    /** Hop counts to {@code target} over link directions (BFS on the reversed graph); -1 = unreachable. */
    private int[] distancesTo(int target) {
        int[] dist = new int[nodes.size()];
        Arrays.fill(dist, -1);
        dist[target] = 0;
        int[] queue = new int[nodes.size()];
        int qh = 0;
        int qt = 0;
        queue[qt++] = target;
        while (qh < qt) {
            int n = queue[qh++];
            for (int i = 0; i < links.size(); i++) {
                int[] e = ends.get(i);
                if (e[1] == n && dist[e[0]] < 0) {
                    dist[e[0]] = dist[n] + 1;
                    queue[qt++] = e[0];
                }
            }
        }
        return dist;
    }
}
