package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.AppSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.Sweep;
import org.mptcpsim.scenario.options.KernelOptions;
import org.mptcpsim.scenario.options.OptionRegistry;

/** Binds a located tree (overrides already applied) to a validated {@link Scenario}. */
final class ScenarioBinder {

    /** Default trace sample interval: 100 ms. */
    static final long DEFAULT_SAMPLE_PS = 100_000_000_000L;
    /**
     * Smallest sample interval: 1 ms (docs/scenario-format.md, "Limits"). Finer intervals repeat the
     * same cwnd and srtt (the kernel updates them per ACK, and a 1 ms sample already sees every ACK
     * clock of a path with an RTT of a few ms), while the CSVs grow with duration / sample; events.csv
     * keeps the per-event detail.
     */
    static final long MIN_SAMPLE_PS = 1_000_000_000L;

    private ScenarioBinder() {
    }

    /** The most transfers a flows app may start in one run (docs/scenario-format.md, "Limits"). */
    static final long MAX_TRANSFERS = 1_000_000;

    /** The run's duration in ps and as the file (or --set) wrote it, for messages. */
    record Duration(long ps, String written) {
        /** The error of a connection whose start, located at {@code at}, is not before the end of the run. */
        ScenarioException startsTooLate(Loc at) {
            return new ScenarioException(at, "the connection starts at or after the end of the run (duration " + written
                    + ")");
        }
    }

    /**
     * Binds the scenario, reporting every independent error at once ({@link Problems}): each top-level
     * field, link, node, connection and kernel option on its own; connections only when the topology and the
     * kernel block bound (their errors could follow from those), and the checks against the duration only
     * when it bound.
     */
    static Scenario bind(MapNode root, String file, String defaultName, OptionRegistry registry,
                         Map<String, String> overrides) {
        Obj top = new Obj(root, "", "a scenario", Schema.TOP);
        Problems pr = new Problems();
        String name = pr.attempt(() -> {
            String n = top.has("name") ? Val.text(top.opt("name"), "name", "a name").trim() : "";
            return n.isEmpty() ? defaultName : n;   // name: "" is no name: the file's (docs/scenario-format.md)
        });
        Duration duration = pr.attempt(() -> {
            long d = Val.time(top.req("duration"), "duration");
            if (d <= 0) {
                throw new ScenarioException(top.loc("duration"), "duration must be above 0");
            }
            return new Duration(d, Val.text(top.req("duration"), "duration", "a time").trim());
        });
        Long seed = pr.attempt(() -> top.has("seed") ? Val.integer(top.opt("seed"), "seed", 0, Long.MAX_VALUE) : 1L);
        Long sample = pr.attempt(() -> {
            long sm = top.has("sample") ? Val.time(top.opt("sample"), "sample") : DEFAULT_SAMPLE_PS;
            if (sm < MIN_SAMPLE_PS) {
                throw new ScenarioException(top.loc("sample"), "sample " + Val.text(top.opt("sample"), "sample",
                        "a time").trim() + " is below the smallest allowed sample interval, 1ms");
            }
            return sm;
        });
        KernelBinder kb = new KernelBinder(registry);
        KernelOptions kernel = pr.attempt(() -> kb.bind(top.opt("kernel"), "kernel", null, true));
        Topology topo = TopologyBinder.bind(top, pr);
        List<ConnectionSpec> connections = null;
        if (topo != null && kernel != null) {
            connections = pr.attempt(() -> connections(top, topo, kernel, kb, seed, duration, pr));
        }
        if (duration != null && connections != null) {
            checkConnections(connections, duration, pr);
        }
        if (duration != null && topo != null) {
            checkSchedules(topo, duration, pr);
        }
        Sweep sweep = pr.attempt(() -> SweepBinder.bind(top.opt("sweep"), root, new Overrides(registry)));
        pr.throwIfAny();
        return new Scenario(name, file, duration.ps(), seed, sample, kernel, List.copyOf(topo.nodes().values()),
                List.copyOf(topo.links().values()), topo.hosts(), topo.routes(), connections, sweep, overrides,
                top.loc());
    }

    /**
     * {@code connections:} and {@code traffic:} (a traffic matrix needs the seed), or the short form's one: those
     * that bind, each bad connection's error recorded in {@code pr}.
     */
    private static List<ConnectionSpec> connections(Obj top, Topology topo, KernelOptions kernel, KernelBinder kb,
                                                    Long seed, Duration duration, Problems pr) {
        if (top.has("connections") || top.has("traffic")) {
            List<ConnectionSpec> connections = top.has("connections")
                    ? ConnectionBinder.bind(top.opt("connections"), topo, kernel, kb, duration, pr) : new ArrayList<>();
            if (top.has("traffic") && seed != null) {
                addTraffic(connections, TrafficBinder.bind(top.opt("traffic"), topo, kernel, kb, seed));
            }
            return connections;
        }
        if (topo.shortForm()) {
            return List.of(new ConnectionSpec(TopologyBinder.SHORT_FORM_CONNECTION, ConnectionSpec.Type.MPTCP,
                    TopologyBinder.CLIENT, null,
                    TopologyBinder.SERVER, null, 0, ConnectionSpec.BULK, kernel, List.of(),
                    top.loc("paths").withPath("connections")));
        }
        throw new ScenarioException(top.loc(), "missing required field \"connections\" (or \"traffic\") in a"
                + " scenario");
    }

    private static void checkConnections(List<ConnectionSpec> connections, Duration duration, Problems pr) {
        for (ConnectionSpec c : connections) {
            pr.attempt(() -> checkConnection(c, duration));
        }
    }

    /**
     * A bound connection against the run: its framing, and (a traffic matrix's: a written connection's start was
     * checked at its field by ConnectionBinder) its start; a flows app's transfer count.
     */
    private static void checkConnection(ConnectionSpec c, Duration d) {
        checkFraming(c);
        long duration = d.ps();
        if (c.startPs() >= duration) {
            throw d.startsTooLate(c.loc().withPath(c.loc().path() + ".start"));
        }
        if (c.app() instanceof AppSpec.Flows f) {
            double span = (duration - c.startPs()) / 1e12;
            double expected = f.arrival().poisson() ? span * f.arrival().ratePerS()
                    : Math.floor((duration - c.startPs() - 1) / (double) f.arrival().everyPs()) + 1;
            if (f.count() > 0) {
                expected = Math.min(expected, f.count());
            }
            if (expected > MAX_TRANSFERS) {
                throw new ScenarioException(c.loc().withPath(c.loc().path() + ".app.flows"), String.format(
                        java.util.Locale.ROOT, "about %.0f transfers in this run; at most %d are allowed per"
                                + " flows app (lower the rate, raise the interval or set count)", expected,
                        MAX_TRANSFERS));
            }
        }
    }

    /** A link event at or after the end of the run would never happen: refused like a connection's start. */
    private static void checkSchedules(Topology topo, Duration duration, Problems pr) {
        for (LinkSpec l : topo.links().values()) {
            for (LinkEvent e : l.schedule()) {
                if (e.atPs() >= duration.ps()) {
                    pr.add(new ScenarioException(e.loc().withPath(e.loc().path() + ".at"), "the link event is at"
                            + " or after the end of the run (duration " + duration.written() + "); events must be"
                            + " before it"));
                }
            }
        }
    }

    /**
     * Payload bytes per segment, {@code sim.mtu - sim.header_bytes - sim.dss_bytes} (the DSS only on MPTCP), must
     * be at least 1: at 0 the receive buffer divides by it, below 0 segments carry negative data.
     */
    private static void checkFraming(ConnectionSpec c) {
        KernelOptions k = c.kernel();
        boolean mptcp = c.type() == ConnectionSpec.Type.MPTCP;
        int mtu = k.intValue("sim.mtu");
        int header = k.intValue("sim.header_bytes");
        int dss = mptcp ? k.intValue("sim.dss_bytes") : 0;
        if (mtu - header - dss >= 1) {
            return;
        }
        Loc at = null;
        for (String name : new String[] {"sim.mtu", "sim.header_bytes", "sim.dss_bytes"}) {
            at = at != null ? at : k.locationOf(name);
        }
        String terms = "sim.mtu " + mtu + " - sim.header_bytes " + header + (mptcp ? " - sim.dss_bytes " + dss : "");
        throw new ScenarioException(at != null ? at : c.loc(), terms + " leaves " + (mtu - header - dss)
                + " payload bytes per packet of connection " + c.id() + "; at least 1 is needed: sim.mtu must be at"
                + " least " + (header + dss + 1) + " with these headers (1500 is Ethernet's)");
    }

    /** Appends the traffic matrix's connections; an id taken by a hand-written connection is an error. */
    private static void addTraffic(List<ConnectionSpec> connections, List<ConnectionSpec> traffic) {
        Map<String, ConnectionSpec> byId = new HashMap<>();
        connections.forEach(c -> byId.put(c.id(), c));
        for (ConnectionSpec c : traffic) {
            ConnectionSpec old = byId.get(c.id());
            if (old != null) {
                throw new ScenarioException(old.loc().withPath(old.loc().path() + ".id"), "duplicate connection id \""
                        + c.id() + "\": the traffic matrix (at " + c.loc().where() + ") generates it too");
            }
            connections.add(c);
        }
    }
}
