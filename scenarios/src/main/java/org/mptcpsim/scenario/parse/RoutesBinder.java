package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.RouteSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.Names;

/** Binds {@code routes:} and checks each {@code via} is a connected chain of links. */
final class RoutesBinder {

    private RoutesBinder() {
    }

    static List<RouteSpec> bind(Node node, Topology topo) {
        List<RouteSpec> out = new ArrayList<>();
        List<Node> items = Val.list(node, "routes", "routes ({from: client:wifi, to: server, via: [...]})");
        for (int i = 0; i < items.size(); i++) {
            String p = "routes[" + i + "]";
            Obj o = new Obj(items.get(i), p, "a route", Schema.ROUTE);
            EndpointRef from = EndpointRef.parse(o.req("from"), o.sub("from"), topo);
            EndpointRef to = EndpointRef.parse(o.req("to"), o.sub("to"), topo);
            List<Node> via = Val.list(o.req("via"), o.sub("via"), "link ids");
            List<String> ids = new ArrayList<>();
            String at = from.host();
            for (int j = 0; j < via.size(); j++) {
                String vp = o.sub("via") + "[" + j + "]";
                String id = Val.id(via.get(j), vp);
                Loc loc = via.get(j).loc().withPath(vp);
                LinkSpec l = topo.links().get(id);
                if (l == null) {
                    List<String> known = List.copyOf(topo.links().keySet());
                    throw new ScenarioException(loc, "unknown link \"" + id + "\"" + Names.didYouMean(id, known),
                            known);
                }
                if (!l.touches(at)) {
                    throw new ScenarioException(loc, "link " + id + " (" + l.from() + " - " + l.to()
                            + ") does not continue the route at node " + at);
                }
                if (j == 0 && from.iface() != null
                        && !topo.host(from.host()).iface(from.iface()).links().contains(id)) {
                    throw new ScenarioException(loc, "the route leaves " + from.host() + ":" + from.iface()
                            + ", which is not attached to link " + id);
                }
                at = l.peer(at);
                if (j < via.size() - 1 && topo.node(at).isHost()) {
                    throw new ScenarioException(loc, "the route passes through host " + at
                            + "; hosts do not forward");
                }
                ids.add(id);
            }
            if (!at.equals(to.host())) {
                throw new ScenarioException(o.loc("via"), "the route ends at " + at + ", not at " + to.host());
            }
            out.add(new RouteSpec(from.host(), from.iface(), to.host(), to.iface(), ids, o.loc()));
        }
        return out;
    }
}
