package org.mptcpsim.scenario.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.RouteSpec;

/** The bound topology: nodes, links, hosts with interfaces, routes (in file order). */
record Topology(Map<String, NodeSpec> nodes, Map<String, LinkSpec> links, Map<String, HostSpec> hosts,
                List<RouteSpec> routes, boolean shortForm) {

    Topology {
        nodes = new LinkedHashMap<>(nodes);
        links = new LinkedHashMap<>(links);
        hosts = new LinkedHashMap<>(hosts);
    }

    NodeSpec node(String id) {
        return nodes.get(id);
    }

    HostSpec host(String id) {
        return hosts.get(id);
    }

    List<String> hostIds() {
        return List.copyOf(hosts.keySet());
    }
}
