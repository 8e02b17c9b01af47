package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.RandomStreams;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.trace.TraceSink;

/**
 * Equal-cost paths of a generated fat tree. Between hosts in different pods a shortest path is
 * host, edge, aggregation (k/2 choices), core (k/2 choices under that aggregation switch), then
 * the one aggregation and edge switch of the destination that reach it: 6 hops and (k/2)^2 = k^2/4
 * paths. Counted twice: on the expanded link graph (BFS path counting) and with the simulator's
 * own routing ({@link org.mptcpsim.net.Network#route}), whose ECMP hash over many flow hashes must
 * visit exactly those paths.
 */
class FatTreeEcmpTest {

    static Scenario fattree(int k, String... sets) {
        return Sim.parse("duration: 1s\n"
                + "kernel: {net.ipv4.tcp_congestion_control: lia, net.mptcp.mptcp_path_manager: ndiffports,"
                + " mptcp_ndiffports.num_subflows: 4}\n"
                + "topology: {fattree: {k: " + k + ", rate: 100Mbit, delay: 10us, buffer: 100pkt}}\n"
                + "traffic: {pattern: permutation}\n", sets);
    }

    static String pod(String host) {
        return host.substring(1, host.indexOf('_'));
    }

    static List<String> hosts(Scenario sc) {
        return sc.nodes().stream().filter(NodeSpec::isHost).map(NodeSpec::id).toList();
    }

    /** Number of shortest paths from every node to {@code dst} (BFS, then sum over next hops), and hop counts. */
    static Map<String, long[]> shortestPaths(Scenario sc, String dst) {
        Map<String, List<String>> adj = new HashMap<>();
        for (LinkSpec l : sc.links()) {
            adj.computeIfAbsent(l.from(), x -> new ArrayList<>()).add(l.to());
            adj.computeIfAbsent(l.to(), x -> new ArrayList<>()).add(l.from());
        }
        Map<String, long[]> out = new HashMap<>(); // node -> {distance, paths}
        out.put(dst, new long[] {0, 1});
        ArrayDeque<String> q = new ArrayDeque<>(List.of(dst));
        while (!q.isEmpty()) {
            String n = q.poll();
            long[] dn = out.get(n);
            for (String m : adj.get(n)) {
                long[] dm = out.get(m);
                if (dm == null) {
                    out.put(m, new long[] {dn[0] + 1, dn[1]});
                    // hosts are leaves: a path never continues through one
                    if (!sc.node(m).isHost()) {
                        q.add(m);
                    }
                } else if (dm[0] == dn[0] + 1) {
                    dm[1] += dn[1];
                }
            }
        }
        return out;
    }

    @Test
    void crossPodPairsHaveKSquaredOverFourShortestPathsOnTheGraph() {
        for (int k : new int[] {4, 8}) {
            Scenario sc = fattree(k);
            List<String> hosts = hosts(sc);
            for (String dst : hosts) {
                Map<String, long[]> sp = shortestPaths(sc, dst);
                for (String src : hosts) {
                    if (!pod(src).equals(pod(dst))) {
                        assertEquals(6, sp.get(src)[0], src + "->" + dst);
                        assertEquals(k * k / 4, sp.get(src)[1], src + "->" + dst);
                    }
                }
            }
        }
    }

    /** Every cross-pod pair of a k = 4 tree: 64 flow hashes reach all 4 paths, never a longer one. */
    @Test
    void ecmpRoutingUsesExactlyTheEqualCostPaths() {
        Scenario sc = fattree(4);
        BuiltTopology t = new BuiltTopology(sc, new EventLoop(), new PacketPool(), TraceSink.NONE, new RandomStreams(1));
        List<String> hosts = hosts(sc);
        int pairs = 0;
        for (String src : hosts) {
            for (String dst : hosts) {
                if (pod(src).equals(pod(dst))) {
                    continue;
                }
                Set<List<String>> seen = new HashSet<>();
                for (long h = 0; h < 64; h++) {
                    List<Link> route = t.net.route(t.net.nodeIndex(src), null, t.net.nodeIndex(dst), null,
                            RandomStreams.mix(h));
                    assertNotNull(route, src + "->" + dst);
                    assertEquals(6, route.size(), src + "->" + dst);
                    seen.add(route.stream().map(l -> l.id).toList());
                }
                assertEquals(4, seen.size(), src + "->" + dst + ": " + seen);
                pairs++;
            }
        }
        // 16 hosts, each with 12 hosts in the other 3 pods
        assertEquals(16 * 12, pairs);
    }

    /** A short k = 4 run: every connection of the permutation delivers, every subflow crosses 6 links. */
    @Test
    void k4PermutationRuns() {
        RunResult r = Sim.run(fattree(4, "duration=200ms"));
        try {
            assertEquals(16, r.connections().size());
            for (RunResult.Connection c : r.connections()) {
                assertTrue(c.bytesDelivered() > 0, c.id());
                assertEquals(4, c.subflows().size(), c.id());
                String[] ends = c.id().split("-");
                int hops = pod(ends[0]).equals(pod(ends[1])) ? 4 : 6;
                if (ends[0].substring(0, ends[0].lastIndexOf('_')).equals(ends[1].substring(0,
                        ends[1].lastIndexOf('_')))) {
                    hops = 2; // same edge switch
                }
                for (RunResult.SubflowStats s : c.subflows()) {
                    assertEquals(hops, s.path().size(), c.id() + " " + s.path());
                }
            }
        } finally {
            Sim.deleteRun(r);
        }
    }
}
