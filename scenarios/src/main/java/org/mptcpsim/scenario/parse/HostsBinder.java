package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/** Applies the {@code hosts:} block: interface attributes ({@code backup}) of known hosts. */
final class HostsBinder {

    private HostsBinder() {
    }

    /** Applies each entry of {@code hosts:} on its own, the error of every bad one recorded in {@code pr}. */
    static void apply(Node node, Map<String, HostSpec> hosts, Problems pr) {
        if (!(node instanceof MapNode m)) {
            throw new ScenarioException(node.loc().withPath("hosts"), "expected a map of host id to"
                    + " {interfaces: ...}, found " + Val.describe(node));
        }
        List<String> ids = List.copyOf(hosts.keySet());
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            pr.attempt(() -> {
                String host = e.getKey();
                String path = "hosts." + host;
                HostSpec h = hosts.get(host);
                if (h == null) {
                    throw new ScenarioException(m.keyLoc(host).withPath(path), "unknown host \"" + host + "\""
                            + Names.didYouMean(host, ids), ids);
                }
                Obj o = new Obj(e.getValue(), path, "a host", Schema.HOST);
                if (o.has("interfaces")) {
                    hosts.put(host, interfaces(o.opt("interfaces"), o.sub("interfaces"), h));
                }
            });
        }
    }

    private static HostSpec interfaces(Node node, String path, HostSpec h) {
        if (!(node instanceof MapNode m)) {
            throw new ScenarioException(node.loc().withPath(path), "expected a map of interface name to"
                    + " {backup: true}, found " + Val.describe(node));
        }
        List<InterfaceSpec> ifs = new ArrayList<>(h.interfaces());
        List<String> names = ifs.stream().map(InterfaceSpec::name).toList();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String name = e.getKey();
            String p = path + "." + name;
            int idx = names.indexOf(name);
            if (idx < 0) {
                throw new ScenarioException(m.keyLoc(name).withPath(p), "host " + h.id() + " has no interface \""
                        + name + "\" (its interfaces are the links attached to it)" + Names.didYouMean(name, names),
                        names);
            }
            Obj o = new Obj(e.getValue(), p, "an interface", Schema.INTERFACE);
            InterfaceSpec old = ifs.get(idx);
            boolean backup = o.has("backup") ? Val.bool(o.opt("backup"), o.sub("backup")) : old.backup();
            ifs.set(idx, new InterfaceSpec(old.name(), old.links(), backup, o.loc()));
        }
        return new HostSpec(h.id(), ifs, h.loc());
    }
}
