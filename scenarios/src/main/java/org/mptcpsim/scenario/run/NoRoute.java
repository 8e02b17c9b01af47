package org.mptcpsim.scenario.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;

/** Why two hosts have no route: the hosts that would have to forward, or that no links join them. */
final class NoRoute {

    private NoRoute() {
    }

    /** "no route from L to R" with the reason (docs/scenario-format.md, "Routing and addresses"). */
    static String message(Scenario sc, Object from, Object to, String fromHost, String toHost) {
        String base = "no route from " + from + " to " + to;
        List<String> via = blockingHosts(sc, fromHost, toHost);
        if (via == null) {
            return base + ": no chain of links joins " + fromHost + " and " + toHost;
        }
        if (via.isEmpty()) {
            return base;
        }
        return base + ": the only way passes through host" + (via.size() > 1 ? "s " : " ") + String.join(", ", via)
                + ", and hosts do not forward other hosts' packets (Linux's ip_forward=0) unless marked"
                + " forwarding: true (e.g. nodes: [{id: " + via.get(0) + ", type: host, forwarding: true}])";
    }

    /**
     * The hosts without forwarding on a shortest chain of links from {@code a} to {@code b} when every node is
     * allowed to forward; {@code null} when no chain exists at all.
     */
    private static List<String> blockingHosts(Scenario sc, String a, String b) {
        Map<String, List<String>> adj = new HashMap<>();
        for (LinkSpec l : sc.links()) {
            adj.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l.to());
            adj.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l.from());
        }
        Map<String, String> parent = new HashMap<>();
        parent.put(a, a);
        Deque<String> queue = new ArrayDeque<>(List.of(a));
        while (!queue.isEmpty() && !parent.containsKey(b)) {
            String n = queue.poll();
            for (String m : adj.getOrDefault(n, List.of())) {
                if (parent.putIfAbsent(m, n) == null) {
                    queue.add(m);
                }
            }
        }
        if (!parent.containsKey(b)) {
            return null;
        }
        Map<String, NodeSpec> nodes = new HashMap<>();
        sc.nodes().forEach(n -> nodes.put(n.id(), n));
        List<String> hosts = new ArrayList<>();
        for (String n = parent.get(b); !n.equals(a); n = parent.get(n)) {
            NodeSpec s = nodes.get(n);
            if (s != null && s.type() == NodeSpec.Type.HOST && !s.forwarding()) {
                hosts.add(0, n);
            }
        }
        return hosts;
    }
}
