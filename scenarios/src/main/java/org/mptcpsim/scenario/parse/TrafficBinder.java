package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mptcpsim.core.RandomStreams;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.KernelOptions;

/**
 * Binds {@code traffic:}, a traffic matrix expanded into connections {@code <from>-<to>} over a set
 * of hosts (default: every host, in node order):
 * <ul>
 *   <li>{@code permutation}: every host sends to exactly one other host and receives from exactly
 *       one (a uniformly random derangement, drawn from the stream {@code traffic} of the seed:
 *       {@code traffic.seed}, else the scenario's seed);</li>
 *   <li>{@code all-to-all}: one connection per ordered pair of distinct hosts.</li>
 * </ul>
 * Connections come sorted by sender, in host order. Each one is of {@code type}, starts at
 * {@code start}, transfers {@code size} and has the {@code kernel} overrides, like a hand-written one.
 */
final class TrafficBinder {

    static final List<String> PATTERNS = List.of("permutation", "all-to-all");
    /**
     * The most connections a traffic matrix may generate (docs/scenario-format.md, "Limits"): each is bound, routed
     * and simulated like a hand-written one, about 30 KB and 0.4 ms each in check (a k=8 fat tree's all-to-all, 16 256
     * connections: 6 s, 480 MB); a k=16 all-to-all (1 047 552) filled the heap.
     */
    static final long MAX_CONNECTIONS = 20_000;

    private TrafficBinder() {
    }

    static List<ConnectionSpec> bind(Node node, Topology topo, KernelOptions kernel, KernelBinder kb, long seed) {
        Obj o = new Obj(node, "traffic", "a traffic matrix", Schema.TRAFFIC);
        String pattern = Val.choice(o.req("pattern"), o.sub("pattern"), PATTERNS);
        ConnectionSpec.Type type = o.has("type")
                ? ConnectionSpec.Type.valueOf(Val.choice(o.opt("type"), o.sub("type"), List.of("mptcp", "tcp"))
                        .toUpperCase(java.util.Locale.ROOT))
                : ConnectionSpec.Type.MPTCP;
        List<String> hosts = hosts(o, topo);
        long start = o.has("start") ? Val.time(o.opt("start"), o.sub("start")) : 0;
        long size = ConnectionBinder.size(o);
        long s = o.has("seed") ? Val.integer(o.opt("seed"), o.sub("seed"), 0, Long.MAX_VALUE) : seed;
        KernelOptions k = kb.bind(o.opt("kernel"), o.sub("kernel"), kernel, false);
        Loc loc = o.loc();
        long n = hosts.size();
        long count = pattern.equals("permutation") ? n : n * (n - 1);
        if (count > MAX_CONNECTIONS) {
            throw new ScenarioException(o.loc("pattern"), "the " + pattern + " traffic of " + n + " hosts would be "
                    + count + " connections" + (pattern.equals("permutation") ? "" : " (" + n + " x " + (n - 1) + ")")
                    + "; the largest allowed traffic matrix is " + MAX_CONNECTIONS + " connections: choose fewer hosts"
                    + " (traffic.hosts: [...]) or a smaller topology");
        }
        List<ConnectionSpec> out = new ArrayList<>();
        if (pattern.equals("permutation")) {
            int[] to = derangement(hosts.size(), new RandomStreams(s).stream("traffic"));
            for (int i = 0; i < to.length; i++) {
                out.add(conn(hosts.get(i), hosts.get(to[i]), type, start, size, k, loc));
            }
        } else {
            for (String a : hosts) {
                for (String b : hosts) {
                    if (!a.equals(b)) {
                        out.add(conn(a, b, type, start, size, k, loc));
                    }
                }
            }
        }
        return out;
    }

    private static ConnectionSpec conn(String from, String to, ConnectionSpec.Type type, long start, long size,
                                       KernelOptions k, Loc loc) {
        return new ConnectionSpec(from + "-" + to, type, from, null, to, null, start, size, k, List.of(), loc);
    }

    /** The hosts of the matrix: {@code hosts:} (ids of hosts, no repeats), else all hosts; at least 2. */
    private static List<String> hosts(Obj o, Topology topo) {
        if (!o.has("hosts")) {
            List<String> all = topo.hostIds();
            if (all.size() < 2) {
                throw new ScenarioException(o.loc(), "a traffic matrix needs at least 2 hosts; the topology has "
                        + all.size());
            }
            return all;
        }
        List<Node> items = Val.list(o.opt("hosts"), o.sub("hosts"), "host ids");
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String p = o.sub("hosts") + "[" + i + "]";
            EndpointRef e = EndpointRef.parse(items.get(i), p, topo);
            if (e.iface() != null) {
                throw new ScenarioException(items.get(i).loc().withPath(p), "a traffic matrix takes host ids, not"
                        + " host:interface (the initial subflow's interface is left to routing)");
            }
            if (!out.add(e.host())) {
                throw new ScenarioException(items.get(i).loc().withPath(p), "host " + e.host() + " is listed twice");
            }
        }
        if (out.size() < 2) {
            throw new ScenarioException(o.loc("hosts"), "a traffic matrix needs at least 2 hosts");
        }
        return List.copyOf(out);
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} without fixed points: Fisher-Yates shuffles
     * until one has none (rejection keeps it uniform over derangements; a shuffle is one with
     * probability about 1/e, so about e tries are needed).
     */
    static int[] derangement(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        while (true) {
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            boolean fixed = false;
            for (int i = 0; i < n && !fixed; i++) {
                fixed = p[i] == i;
            }
            if (!fixed) {
                return p;
            }
        }
    }
}
