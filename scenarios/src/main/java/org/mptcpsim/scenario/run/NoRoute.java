package org.mptcpsim.scenario.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.net.Routing;
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
     * allowed to forward ({@link Routing} with every node a transit node, links in both directions); {@code null}
     * when no chain exists at all.
     */
    private static List<String> blockingHosts(Scenario sc, String a, String b) {
        Routing all = new Routing();
        Map<String, Integer> index = new HashMap<>();
        List<NodeSpec> nodes = sc.nodes();
        for (NodeSpec n : nodes) {
            index.put(n.id(), all.addNode(true));
        }
        for (LinkSpec l : sc.links()) {
            all.addEdge(index.get(l.from()), index.get(l.to()));
            all.addEdge(index.get(l.to()), index.get(l.from()));
        }
        int[] route = all.route(index.get(a), -1, index.get(b), -1, node -> 0);
        if (route == null) {
            return null;
        }
        List<String> hosts = new ArrayList<>();
        for (int k = 0; k < route.length - 1; k++) {   // the nodes between the two ends
            NodeSpec n = nodes.get(all.to(route[k]));
            if (n.type() == NodeSpec.Type.HOST && !n.forwarding()) {
                hosts.add(n.id());
            }
        }
        return hosts;
    }
}
