package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.AppSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.SubflowSpec;
import org.mptcpsim.scenario.options.KernelOptions;

/** Binds {@code connections:}: hosts and interfaces resolved, kernel options merged. */
final class ConnectionBinder {

    private ConnectionBinder() {
    }

    /**
     * The connections that bind; each is bound on its own, the error of every bad one recorded in {@code pr}.
     *
     * @param duration the run's duration, to check each start at its field; null when the duration has an error
     *                 of its own
     */
    static List<ConnectionSpec> bind(Node node, Topology topo, KernelOptions kernel, KernelBinder kb,
                                     ScenarioBinder.Duration duration, Problems pr) {
        Map<String, ConnectionSpec> out = new LinkedHashMap<>();
        List<Node> items = Val.list(node, "connections", "connections ({id: m1, type: mptcp, from: client,"
                + " to: server})");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String p = Val.item("connections", item, i);
            pr.attempt(() -> {
                Obj o = new Obj(item, p, "a connection", Schema.CONNECTION);
                String id = Val.id(o.req("id"), o.sub("id"));
                ConnectionSpec old = out.get(id);
                if (old != null) {   // the id first, at the id: the connection's first field
                    throw new ScenarioException(o.loc("id"), "duplicate connection id \"" + id + "\" (first at "
                            + old.loc().where() + ")");
                }
                out.put(id, one(o, id, topo, kernel, kb, duration));
            });
        }
        return new ArrayList<>(out.values());
    }

    private static ConnectionSpec one(Obj o, String id, Topology topo, KernelOptions kernel, KernelBinder kb,
                                      ScenarioBinder.Duration duration) {
        ConnectionSpec.Type type = o.has("type")
                ? ConnectionSpec.Type.valueOf(Val.choice(o.opt("type"), o.sub("type"), List.of("mptcp", "tcp"))
                        .toUpperCase(java.util.Locale.ROOT))
                : ConnectionSpec.Type.MPTCP;
        EndpointRef from = EndpointRef.parse(o.req("from"), o.sub("from"), topo);
        EndpointRef to = EndpointRef.parse(o.req("to"), o.sub("to"), topo);
        if (from.host().equals(to.host())) {
            throw new ScenarioException(o.loc("to"), "a connection joins two different hosts; both ends are "
                    + from.host());
        }
        long start = o.has("start") ? Val.time(o.opt("start"), o.sub("start")) : 0;
        if (duration != null && start >= duration.ps()) {
            throw duration.startsTooLate(o.loc("start"));
        }
        long size = size(o);
        AppSpec app = null;
        if (o.has("app")) {
            if (o.has("size")) {
                throw new ScenarioException(o.loc("size"), "size and app together; write app: {size: ...} or size"
                        + " alone", List.of("app", "size"));
            }
            long[] sz = {ConnectionSpec.BULK};
            app = AppBinder.bind(o.opt("app"), o.sub("app"), sz);
            size = sz[0];
        }
        KernelOptions k = kb.bind(o.opt("kernel"), o.sub("kernel"), kernel, false);
        List<SubflowSpec> subflows = new ArrayList<>();
        if (o.has("subflows")) {
            if (type == ConnectionSpec.Type.TCP) {
                throw new ScenarioException(o.loc("subflows"), "a tcp connection has exactly one path; use"
                        + " type: mptcp for extra subflows");
            }
            List<Node> items = Val.list(o.opt("subflows"), o.sub("subflows"), "subflows ({from: client:lte,"
                    + " to: server})");
            for (int i = 0; i < items.size(); i++) {
                subflows.add(subflow(new Obj(items.get(i), o.sub("subflows") + "[" + i + "]", "a subflow",
                        Schema.SUBFLOW), topo, from.host(), to.host()));
            }
        }
        return new ConnectionSpec(id, type, from.host(), from.iface(), to.host(), to.iface(), start, size, k,
                subflows, o.loc(), app);
    }

    /** The {@code size} field: {@link ConnectionSpec#BULK} when absent or {@code bulk}, else bytes above 0. */
    static long size(Obj o) {
        if (!o.has("size")) {
            return ConnectionSpec.BULK;
        }
        String s = Val.text(o.opt("size"), o.sub("size"), "bulk or a size (e.g. 10MB)").trim();
        if (s.equalsIgnoreCase("bulk")) {
            return ConnectionSpec.BULK;
        }
        long size = Val.size(o.opt("size"), o.sub("size"));
        if (size <= 0) {
            throw new ScenarioException(o.loc("size"), "a transfer size must be above 0 (or bulk)");
        }
        return size;
    }

    private static SubflowSpec subflow(Obj o, Topology topo, String client, String server) {
        EndpointRef from = o.has("from") ? EndpointRef.parse(o.opt("from"), o.sub("from"), topo)
                : new EndpointRef(client, null);
        EndpointRef to = o.has("to") ? EndpointRef.parse(o.opt("to"), o.sub("to"), topo) : new EndpointRef(server, null);
        if (!from.host().equals(client)) {
            throw new ScenarioException(o.loc("from"), "a subflow leaves the connection's own host " + client
                    + ", not " + from.host(), List.of(client));
        }
        if (!to.host().equals(server)) {
            throw new ScenarioException(o.loc("to"), "a subflow goes to the connection's own peer " + server
                    + ", not " + to.host(), List.of(server));
        }
        return new SubflowSpec(from.host(), from.iface(), to.host(), to.iface(), o.loc());
    }
}
