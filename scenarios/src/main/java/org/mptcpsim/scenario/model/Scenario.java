package org.mptcpsim.scenario.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>A class, not a record, for its look-up indexes: a link, a link's position and a node's links by id are
 * found in constant time (a list search for each was hosts x links while a fabric was built: seconds for a
 * k=32 fat tree, {@code FabricBuildBench}).
 */
public final class Scenario {
    private final String name;
    private final String sourceFile;
    private final long durationPs;
    private final long seed;
    private final long samplePs;
    private final KernelOptions kernel;
    private final List<NodeSpec> nodes;
    private final List<LinkSpec> links;
    private final Map<String, HostSpec> hosts;
    private final List<RouteSpec> routes;
    private final List<ConnectionSpec> connections;
    private final Sweep sweep;
    private final Map<String, String> overrides;
    private final Loc loc;
    private final Map<String, NodeSpec> nodeById = new HashMap<>();
    private final Map<String, Integer> linkIndex = new HashMap<>();
    private final Map<String, List<LinkSpec>> linksOfNode = new HashMap<>();
    private final Map<String, ConnectionSpec> connectionById = new HashMap<>();

    public Scenario(String name, String sourceFile, long durationPs, long seed, long samplePs,
                    KernelOptions kernel, List<NodeSpec> nodes, List<LinkSpec> links,
                    Map<String, HostSpec> hosts, List<RouteSpec> routes,
                    List<ConnectionSpec> connections, Sweep sweep,
                    Map<String, String> overrides, Loc loc) {
        this.name = name;
        this.sourceFile = sourceFile;
        this.durationPs = durationPs;
        this.seed = seed;
        this.samplePs = samplePs;
        this.kernel = kernel;
        this.nodes = List.copyOf(nodes);
        this.links = List.copyOf(links);
        this.hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        this.routes = List.copyOf(routes);
        this.connections = List.copyOf(connections);
        this.sweep = sweep;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        this.loc = loc;
        for (NodeSpec n : this.nodes) {
            nodeById.putIfAbsent(n.id(), n);
        }
        for (int i = 0; i < this.links.size(); i++) {
            LinkSpec l = this.links.get(i);
            linkIndex.putIfAbsent(l.id(), i);
            linksOfNode.computeIfAbsent(l.from(), x -> new ArrayList<>()).add(l);
            if (!l.to().equals(l.from())) {
                linksOfNode.computeIfAbsent(l.to(), x -> new ArrayList<>()).add(l);
            }
        }
        for (ConnectionSpec c : this.connections) {
            connectionById.putIfAbsent(c.id(), c);
        }
    }

    public String name() {
        return name;
    }

    public String sourceFile() {
        return sourceFile;
    }

    public long durationPs() {
        return durationPs;
    }

    public long seed() {
        return seed;
    }

    public long samplePs() {
        return samplePs;
    }

    public KernelOptions kernel() {
        return kernel;
    }

    public List<NodeSpec> nodes() {
        return nodes;
    }

    public List<LinkSpec> links() {
        return links;
    }

    public Map<String, HostSpec> hosts() {
        return hosts;
    }

    public List<RouteSpec> routes() {
        return routes;
    }

    public List<ConnectionSpec> connections() {
        return connections;
    }

    public Sweep sweep() {
        return sweep;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    public Loc loc() {
        return loc;
    }

    /** The node with this id, or {@code null}. */
    public NodeSpec node(String id) {
        return nodeById.get(id);
    }

    /** The link with this id, or {@code null}. */
    public LinkSpec link(String id) {
        Integer i = linkIndex.get(id);
        return i == null ? null : links.get(i);
    }

    /** The position of link {@code id} in {@link #links()}, or -1. */
    public int linkIndex(String id) {
        Integer i = linkIndex.get(id);
        return i == null ? -1 : i;
    }

    /** The connection with this id, or {@code null}. */
    public ConnectionSpec connection(String id) {
        return connectionById.get(id);
    }

    /** The links attached to a node, in declaration order. */
    public List<LinkSpec> linksOf(String nodeId) {
        List<LinkSpec> l = linksOfNode.get(nodeId);
        return l == null ? List.of() : Collections.unmodifiableList(l);
    }

    /** The components a record would compare (the indexes follow from them). */
    private List<Object> components() {
        return java.util.Arrays.asList(name, sourceFile, durationPs, seed, samplePs, kernel, nodes, links, hosts, routes,
                connections, sweep, overrides, loc);
    }

    /** Equal as a record is: the same values in every component (two loads of one scenario are equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Scenario other && components().equals(other.components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
    }

    @Override
    public String toString() {
        return "Scenario[name=" + name + ", sourceFile=" + sourceFile + ", durationPs=" + durationPs + ", seed=" + seed
                + ", links=" + links.size() + ", connections=" + connections.size() + "]";
    }
}
