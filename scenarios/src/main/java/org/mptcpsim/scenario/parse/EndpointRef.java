package org.mptcpsim.scenario.parse;

import java.util.List;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/** A {@code host} or {@code host:interface} reference, resolved against the known hosts. */
record EndpointRef(String host, String iface) {

    static EndpointRef parse(Node n, String path, Topology topo) {
        String t = Val.text(n, path, "a host id or host:interface").trim();
        Loc loc = n.loc().withPath(path);
        int colon = t.indexOf(':');
        String host = colon < 0 ? t : t.substring(0, colon);
        String iface = colon < 0 ? null : t.substring(colon + 1);
        NodeSpec node = topo.node(host);
        if (node == null) {
            List<String> hosts = topo.hostIds();
            throw new ScenarioException(loc, "unknown host \"" + host + "\"" + Names.didYouMean(host, hosts), hosts);
        }
        if (!node.isHost()) {
            throw new ScenarioException(loc, "\"" + host + "\" is a switch; connections and routes start and end"
                    + " at hosts", topo.hostIds());
        }
        HostSpec h = topo.host(host);
        if (h == null || h.interfaces().isEmpty()) {
            List<String> attached = topo.hostIds().stream()
                    .filter(id -> !topo.host(id).interfaces().isEmpty()).toList();
            throw new ScenarioException(loc, "host " + host + " has no links, so nothing can start or end there;"
                    + " attach it with a link (links: - {id: ..., from: " + host + ", to: ...}) or use a host"
                    + " that has one", attached);
        }
        if (iface != null) {
            List<String> names = h.interfaces().stream().map(InterfaceSpec::name).toList();
            if (h.iface(iface) == null) {
                throw new ScenarioException(loc, "host " + host + " has no interface \"" + iface + "\" (its"
                        + " interfaces are the links attached to it)" + Names.didYouMean(iface, names), names);
            }
        }
        return new EndpointRef(host, iface);
    }
}
