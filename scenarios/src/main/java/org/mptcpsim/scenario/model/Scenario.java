package org.mptcpsim.scenario.model;

import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.options.KernelOptions;

/**
 * A fully validated, immutable scenario. Times are picoseconds, rates bit/s. The short form
 * ({@code paths:}) is already expanded: hosts {@code client} and {@code server}, one link per path.
 * Every reference (link endpoints, connection hosts and interfaces, route links) is known to
 * exist. Lists keep file order; {@code hosts} is keyed by host id in node declaration order.
 *
 * @param name       scenario name (default: file name without extension)
 * @param sourceFile the file it was read from (as given)
 * @param kernel     the scenario-wide effective kernel options (defaults filled in); each
 *                   connection carries its own effective set in {@link ConnectionSpec#kernel()}
 * @param hosts      every host node with its interfaces (addresses) and their attributes
 * @param overrides  the {@code --set} overrides applied, in order (key to value)
 */
public record Scenario(String name, String sourceFile, long durationPs, long seed, long samplePs,
                       KernelOptions kernel, List<NodeSpec> nodes, List<LinkSpec> links,
                       Map<String, HostSpec> hosts, List<RouteSpec> routes,
                       List<ConnectionSpec> connections, Sweep sweep,
                       Map<String, String> overrides, Loc loc) {

    public Scenario {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
        routes = List.copyOf(routes);
        connections = List.copyOf(connections);
        overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    }

    /** The node with this id, or {@code null}. */
    public NodeSpec node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    /** The link with this id, or {@code null}. */
    public LinkSpec link(String id) {
        return links.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
    }

    /** The connection with this id, or {@code null}. */
    public ConnectionSpec connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /** The links attached to a node, in declaration order. */
    public List<LinkSpec> linksOf(String nodeId) {
        return links.stream().filter(l -> l.touches(nodeId)).toList();
    }
}
