package org.mptcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.RandomStreams;
import org.mptcpsim.trace.TraceSink;

class NetworkTest {
    private final EventLoop loop = new EventLoop();
    private final PacketPool pool = new PacketPool();

    private Link link(int i) {
        return new Link(i, "l" + i, loop, pool, TraceSink.NONE, new SplittableRandom(i), 1_000_000_000L, 1, Long.MAX_VALUE,
                100, 0);
    }

    /**
     * The routing as first written (a scan of every link per hop and per BFS step): shortest path
     * by hop count, the ECMP options numbered in link order and picked by the same hash. The
     * adjacency lists and cached hop counts must give exactly these routes, or every multi-path
     * scenario's results would move.
     */
    private static List<Integer> reference(int nodes, List<int[]> ends, long seed, int src, int dst, long flowHash) {
        int[] dist = new int[nodes];
        Arrays.fill(dist, -1);
        dist[dst] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] e : ends) {
                if (dist[e[1]] >= 0 && (dist[e[0]] < 0 || dist[e[0]] > dist[e[1]] + 1)) {
                    dist[e[0]] = dist[e[1]] + 1;
                    changed = true;
                }
            }
        }
        if (dist[src] < 0) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        int cur = src;
        while (cur != dst) {
            List<Integer> options = new ArrayList<>();
            for (int i = 0; i < ends.size(); i++) {
                if (ends.get(i)[0] == cur && dist[ends.get(i)[1]] == dist[cur] - 1) {
                    options.add(i);
                }
            }
            long h = RandomStreams.mix(flowHash ^ seed ^ ((long) cur * 0x9E3779B97F4A7C15L));
            int pick = options.get((int) Long.remainderUnsigned(h, options.size()));
            out.add(pick);
            cur = ends.get(pick)[1];
        }
        return out;
    }

    @Test
    void routesMatchTheLinkScanningReferenceOnRandomGraphs() {
        SplittableRandom r = new SplittableRandom(42);
        int unreachable = 0;
        for (int g = 0; g < 30; g++) {
            int nodes = 3 + r.nextInt(20);
            long seed = r.nextLong();
            Network net = new Network(seed);
            for (int n = 0; n < nodes; n++) {
                net.addNode("n" + n, true);
            }
            List<int[]> ends = new ArrayList<>();
            List<Link> links = new ArrayList<>();
            int count = r.nextInt(3 * nodes);
            for (int i = 0; i < count; i++) {
                int a = r.nextInt(nodes);
                int b = r.nextInt(nodes);
                Link l = link(i);
                net.addLink(l, a, b);
                ends.add(new int[] {a, b});
                links.add(l);
            }
            for (int f = 0; f < 40; f++) {
                int src = r.nextInt(nodes);
                int dst = r.nextInt(nodes);
                long hash = r.nextLong();
                List<Integer> want = reference(nodes, ends, seed, src, dst, hash);
                List<Link> got = net.route(src, null, dst, null, hash);
                if (want == null) {
                    assertNull(got);
                    unreachable++;
                    continue;
                }
                List<Integer> gotIdx = new ArrayList<>();
                for (Link l : got) {
                    gotIdx.add(links.indexOf(l));
                }
                assertEquals(want, gotIdx, "graph " + g + " flow " + f);
            }
        }
        assertTrue(unreachable > 0, "the random graphs should include unreachable pairs");
    }

    @Test
    void ecmpSpreadsFlowsOverEveryShortestPath() {
        // a diamond: a -> {m0..m3} -> b, four equal shortest paths
        Network net = new Network(7);
        int a = net.addNode("a", true);
        int b = net.addNode("b", true);
        List<Link> firsts = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            int mid = net.addNode("m" + m, true);
            Link up = link(2 * m);
            net.addLink(up, a, mid);
            net.addLink(link(2 * m + 1), mid, b);
            firsts.add(up);
        }
        Set<Link> used = new HashSet<>();
        for (long h = 0; h < 64; h++) {
            List<Link> route = net.route(a, null, b, null, RandomStreams.mix(h));
            assertEquals(2, route.size());
            assertEquals(route, net.route(a, null, b, null, RandomStreams.mix(h)), "a flow keeps its path");
            used.add(route.get(0));
        }
        // 64 flows over 4 paths: all four used unless the hash were badly skewed ((3/4)^64 per path)
        assertEquals(new HashSet<>(firsts), used);
        assertEquals(a, net.from(firsts.get(2)));
        assertEquals(net.nodeIndex("m2"), net.to(firsts.get(2)));
        assertEquals(-1, net.nodeIndex("nowhere"));
    }

    /**
     * A k=64 fat tree's size builds and routes: 65 536 hosts + 5 120 switches (5k^2/4) and about as many links as its
     * 196 608 (3k^3/4), both directions. (Clearing the hop-count cache on every addition made building nodes x edges,
     * minutes in check; how long it takes is for a benchmark, not a unit test, so this asserts only the result.)
     */
    @Test
    void aFabricOfAKEquals64FatTreesSizeIsBuiltAndRouted() {
        Routing g = new Routing();
        int switches = 5120;
        int hosts = 65_536;
        for (int i = 0; i < switches + hosts; i++) {
            g.addNode(i < switches);
        }
        // every host to one switch, and each switch to 25 others: 65 536 + 5 120 x 25 = 193 536 links, near the tree's
        for (int h = 0; h < hosts; h++) {
            g.addEdge(switches + h, h % switches);
            g.addEdge(h % switches, switches + h);
        }
        for (int s = 0; s < switches; s++) {
            for (int j = 1; j <= 25; j++) {
                g.addEdge(s, (s + j) % switches);
                g.addEdge((s + j) % switches, s);
            }
        }
        assertTrue(g.route(switches, -1, switches + 1, -1, n -> 0) != null, "host 0 reaches host 1");
    }

    /**
     * The hop-count cache is dropped, not kept, when the graph grows: a-s1-s2-b routes in 3 hops; after a direct
     * switch s1-b is added, the route found next is the 2-hop one (a stale cache would still say 3).
     */
    @Test
    void aRouteAfterAnAddedEdgeUsesIt() {
        Routing g = new Routing();
        int a = g.addNode(false);
        int s1 = g.addNode(true);
        int s2 = g.addNode(true);
        int b = g.addNode(false);
        g.addEdge(a, s1);
        g.addEdge(s1, s2);
        g.addEdge(s2, b);
        assertEquals(3, g.route(a, -1, b, -1, n -> 0).length);
        g.addEdge(s1, b);
        assertEquals(2, g.route(a, -1, b, -1, n -> 0).length);
    }
}
