package org.mptcpsim.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.SubflowSpec;
import org.mptcpsim.scenario.options.KernelOptions;
import org.mptcpsim.scenario.run.ScenarioRoutes;
import org.mptcpsim.scenario.run.ScenarioRunner;

/**
 * Maps a scenario onto the shapes the kernel lab can build ({@link LabSpec}), or refuses with every
 * reason at once, each naming the scenario location ({@code file:line:col: field: problem}).
 *
 * <p>Supported: one MPTCP (or one plain TCP) bulk connection from a client host to a server host started at 0;
 * its subflows (the initial one plus the explicit {@code subflows:}) grouped by client interface into paths;
 * each path's route (explicit route, else the unique shortest one) crossing exactly one rate-limiting link in the
 * data direction, or two in tandem (a SHARED path's own limit, then the shared bottleneck: tbf on the path's router
 * too). Every path its own bottleneck = {@code SEPARATE} (the short form {@code paths:}); all paths through
 * one bottleneck = {@code SHARED}, which also carries competing plain TCP bulk connections between the same hosts
 * leaving over path 1. The one-way delay of a path is the sum of the link delays on its route (applied in both
 * directions by the lab). Buffers become the tbf {@code limit} in bytes, which counts the 14 B Ethernet header of
 * every frame: {@code Npkt} → N × (MTU + 14); {@code xBDP} → the simulator's own packet count ({@link ScenarioRunner#bufferPackets}: rate × RTT / (MTU + l2),
 * rounded) × (MTU + 14); bytes stay bytes. The lab's qdisc is always tbf: a bottleneck with
 * {@code qdisc: tbf} is like for like; {@code droptail} (the default) is accepted with a note, since tbf's limit also counts
 * the frame waiting for tokens and so holds one frame less than the simulator's drop-tail.
 *
 * <p>Refused: out-of-tree CCs (via {@link Preflight}), the mptcp-v0.95 flavour, path managers/schedulers other than
 * {@code default}, link schedules, random loss, reverse-direction rates or delays that differ from the forward ones,
 * more than two rate limits on one route (two only in tandem into a shared bottleneck), more topologies than separate/shared, late starts, sized transfers, kernel options the
 * lab does not apply, an MTU other than 1500, more than the backend's total rate.
 */
public final class ScenarioToLab {
    /** Ethernet header bytes tbf counts on every frame (veth). */
    public static final int ETH = 14;
    /** A link on a path is rate-limiting when its rate is below this multiple of the path's slowest link. */
    static final double FAST_FACTOR = 5.0;
    /** Explicit kernel options the lab applies or that do not change the kernel run. */
    /** Upstream in-kernel PM configuration (ip mptcp endpoint / limits). */
    static final String ENDPOINTS = "mptcp.endpoints";
    static final String LIMITS = "mptcp.limits";
    /** Explicit options the lab applies (besides the sim.* knobs, which only concern the simulator). */
    static final Set<String> APPLIED = Set.of(KernelOptions.CC, KernelOptions.FLAVOUR, KernelOptions.PATH_MANAGER,
            KernelOptions.SCHEDULER, ENDPOINTS, LIMITS);

    /** What the lab runs as competing plain TCP (refusal messages quote it). */
    static final String COMPETING_SUPPORTED = "the lab runs competing plain TCP bulk flows to the MPTCP connection's server ("
            + "host: the server), either from the MPTCP client over its first path, or from another host (one connection per host) "
            + "whose route meets the MPTCP paths' single shared bottleneck";

    /** The result: a spec, or the refusals (never both). */
    public record Result(LabSpec spec, List<String> refusals, List<String> notes, OotClient oot) {
        public Result(LabSpec spec, List<String> refusals, List<String> notes) {
            this(spec, refusals, notes, null);
        }

        public boolean ok() {
            return spec != null;
        }

        /** The spec, or a {@link LabRefusedException} with every reason. */
        public LabSpec orThrow() throws LabRefusedException {
            if (spec == null) throw new LabRefusedException(refusals);
            return spec;
        }
    }

    private final Scenario sc;
    private final ScenarioRoutes routing;
    private final Backend backend;
    private final boolean customKernel;
    private final List<String> refusals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private OotClient oot;
    // the mapping so far, filled in by the rules in order
    private ConnectionSpec main;
    private final List<ConnectionSpec> competing = new ArrayList<>();    // from the client, over path 1
    private final List<ConnectionSpec> otherHosts = new ArrayList<>();   // from another host, through the shared bottleneck
    private boolean outOfTree;
    private String cc;
    private final Map<String, Integer> subflowsPerIface = new LinkedHashMap<>();
    private final Map<String, Loc> ifaceLoc = new LinkedHashMap<>();
    private String first;
    private final List<String> ifaces = new ArrayList<>();
    private final List<List<Hop>> routes = new ArrayList<>();
    private final List<Hop> bottle = new ArrayList<>();
    /** Per path: a rate limit in front of its bottleneck (a tandem, SHARED only), else null. */
    private final List<Hop> upstream = new ArrayList<>();
    private LabSpec.Topology topo;
    private final List<LabSpec.OtherHost> others = new ArrayList<>();
    private ScenarioRunner simulator;
    private final List<LabSpec.Path> paths = new ArrayList<>();
    private LabSpec.Link shared;
    private LabSpec spec;

    private ScenarioToLab(Scenario sc, Backend backend, boolean customKernel) {
        this.sc = sc;
        this.routing = new ScenarioRoutes(sc);
        this.backend = backend;
        this.customKernel = customKernel;
    }

    /** Maps {@code sc} for {@code backend}; {@code customKernel} = a user-supplied kernel image (VM). */
    public static Result map(Scenario sc, Backend backend, boolean customKernel) {
        ScenarioToLab m = new ScenarioToLab(sc, backend, customKernel);
        LabSpec spec = null;
        try {
            spec = m.build();
        } catch (IllegalArgumentException e) {
            m.refuse(sc.loc(), e.getMessage());
        } catch (ScenarioException e) {   // from the simulator built to size a BDP buffer: already located
            m.refusals.add(e.getMessage());
        }
        if (!m.refusals.isEmpty()) return new Result(null, List.copyOf(m.refusals), List.copyOf(m.notes));
        return new Result(spec, List.of(), List.copyOf(m.notes), m.oot);
    }

    private void refuse(Loc loc, String problem) {
        refusals.add((loc == null ? sc.sourceFile() : loc.toString()) + ": " + problem);
    }

    /** A route of a path: links in data order and whether each is crossed from→to. */
    private record Hop(LinkSpec link, boolean forward) {
        DirectionSpec data() {
            return forward ? link.forward() : link.reverse();
        }

        DirectionSpec ack() {
            return forward ? link.reverse() : link.forward();
        }
    }

    /**
     * One step of the mapping, applied in order: it refuses what the lab cannot run (each refusal located) and fills in
     * its part of the spec; {@code apply} returns false when the mapping cannot go on past it.
     */
    private record Rule(String name, String does, BooleanSupplier apply) {
    }

    /** The mapping's rules, in the order they apply (refusals are reported in this order). */
    private List<Rule> rules() {
        return List.of(
                new Rule("connections", "one MPTCP (or plain TCP) connection; competing plain TCP to its server", this::connections),
                new Rule("bulk-from-zero", "every flow a bulk transfer (iperf3 -t) started at 0", this::bulkFromZero),
                new Rule("kernel-options", "the options the lab applies: CC, flavour, PM, scheduler, endpoints", this::kernelOptions),
                new Rule("links", "no schedules, random loss, wireless models or asymmetric delays", this::links),
                new Rule("subflows", "the main connection's subflows grouped by client interface", this::subflows),
                new Rule("routes", "each client interface's route to the server: explicit, else the unique shortest", this::routes),
                new Rule("bottlenecks", "one rate limit per route in the data direction, none in the ACK direction", this::bottlenecks),
                new Rule("topology", "every path its own bottleneck (SEPARATE) or all through one (SHARED)", this::topology),
                new Rule("competing-path-1", "competing flows from the client leave over path 1", this::competingOverPathOne),
                new Rule("other-hosts", "flows from other hosts join at the shared bottleneck", this::otherHostRoutes),
                new Rule("shaping", "one-way delays, tbf rates and limits (buffers in bytes with the Ethernet header)", this::shaping),
                new Rule("duration", "whole seconds, at least 1 s", this::duration),
                new Rule("spec", "the spec; the total rate within what the backend reproduces", this::totalRate),
                new Rule("kernel-image", "the kernel under test (an out-of-tree flavour needs --kernel IMAGE)", this::kernelImage));
    }

    private LabSpec build() {
        for (Rule r : rules()) {
            if (!r.apply().getAsBoolean()) return null;
        }
        return refusals.isEmpty() ? spec : null;
    }

    /** The main connection (the first MPTCP one, else the first) and the competing plain TCP connections. */
    private boolean connections() {
        List<ConnectionSpec> conns = sc.connections();
        if (conns.isEmpty()) {
            refuse(sc.loc(), "the scenario has no connection to run");
            return false;
        }
        main = conns.stream().filter(c -> c.type() == ConnectionSpec.Type.MPTCP).findFirst().orElse(conns.get(0));
        for (ConnectionSpec c : conns) {
            if (c == main) continue;
            if (c.type() == ConnectionSpec.Type.MPTCP) {
                refuse(c.loc(), "the lab runs one MPTCP connection; a second one (" + c.id() + ") is not supported");
            } else if (!c.toHost().equals(main.toHost()) || c.fromHost().equals(main.toHost())) {
                refuse(c.loc(), "competing TCP connection " + c.id() + " (" + c.fromHost() + " -> " + c.toHost() + "): " + COMPETING_SUPPORTED);
            } else if (!c.fromHost().equals(main.fromHost())) {
                if (otherHosts.stream().anyMatch(o -> o.fromHost().equals(c.fromHost()))) {
                    refuse(c.loc(), "competing TCP connection " + c.id() + ": a second connection from host " + c.fromHost()
                            + " is not supported; " + COMPETING_SUPPORTED);
                } else {
                    otherHosts.add(c);
                }
            } else {
                competing.add(c);
            }
        }
        return true;
    }

    private boolean bulkFromZero() {
        for (ConnectionSpec c : sc.connections()) {
            if (c.startPs() != 0) refuse(c.loc().withPath("connections[" + c.id() + "].start"),
                    "the lab starts every flow at 0 s (start " + fmtS(c.startPs()) + " is not supported)");
            if (c.app() != null) refuse(c.loc().withPath("connections[" + c.id() + "].app"),
                    "the lab runs bulk transfers only (iperf3 -t); app " + c.app().kind() + " is not supported");
            if (!c.isBulk()) refuse(c.loc().withPath("connections[" + c.id() + "].size"),
                    "the lab runs bulk transfers only (iperf3 -t); size " + c.sizeBytes() + " B is not supported");
        }
        return true;
    }

    /** The out-of-tree client path (flavour mptcp-v0.95 on UML) maps its own knobs; otherwise every connection's options. */
    private boolean kernelOptions() {
        cc = main.kernel().congestionControl();
        outOfTree = main.kernel().flavour() == Flavour.MPTCP_V095 && backend == Backend.UML;
        if (outOfTree) mapOutOfTree(main, competing, otherHosts);
        else for (ConnectionSpec c : sc.connections()) upstreamOptions(c);
        return true;
    }

    /** Refuses the kernel options of {@code c} that upstream Linux in the lab does not have or the lab does not apply. */
    private void upstreamOptions(ConnectionSpec c) {
        KernelOptions k = c.kernel();
        boolean otherHost = c.type() == ConnectionSpec.Type.TCP && !c.fromHost().equals(main.fromHost());
        if (!otherHost && !k.congestionControl().equals(cc)) refuse(loc(k, KernelOptions.CC, c),
                "connections from the MPTCP client must use its congestion control in the lab (" + c.id() + ": "
                        + k.congestionControl() + ", " + main.id() + ": " + cc + "); a TCP flow from another host may use its own");
        if (k.flavour() != Flavour.UPSTREAM) refuse(loc(k, KernelOptions.FLAVOUR, c),
                "flavour " + k.flavour().key() + (k.locationOf(KernelOptions.FLAVOUR) == null ? " (the default)" : "")
                        + " models the out-of-tree multipath-tcp.org kernel"
                        + (c.type() == ConnectionSpec.Type.TCP ? ", plain TCP included (its 4.19 TCP: set kernel.flavour: upstream for the host's)" : "")
                        + "; "
                        + (backend == Backend.UML ? "one kernel runs every flow, and " + main.id() + " is upstream"
                           : "the " + (backend == Backend.HOST ? "host kernel is upstream MPTCP" : "vm backend runs upstream MPTCP only")
                             + " (its client path is the UML backend's: --backend uml --kernel IMAGE, a multipath-tcp.org kernel built with ARCH=um)"));
        if (Preflight.OUT_OF_TREE_CC.contains(k.congestionControl())) refuse(loc(k, KernelOptions.CC, c),
                k.congestionControl() + " is not in upstream Linux; boot an out-of-tree multipath-tcp.org kernel image with --backend uml --kernel IMAGE (flavour: mptcp-v0.95)");
        if (c.type() == ConnectionSpec.Type.MPTCP) {
            String pm = k.get(KernelOptions.PATH_MANAGER);
            if (!"default".equals(pm) && !"kernel".equals(pm)) refuse(loc(k, KernelOptions.PATH_MANAGER, c),
                    "path manager " + pm + ": the lab opens subflows with in-kernel endpoints only; use kernel (mptcp.endpoints) or explicit subflows:");
            if (!"default".equals(k.get(KernelOptions.SCHEDULER))) refuse(loc(k, KernelOptions.SCHEDULER, c),
                    "scheduler " + k.get(KernelOptions.SCHEDULER) + " is not selectable in upstream Linux here; use default");
        }
        for (String name : k.explicit().keySet()) {
            if (!APPLIED.contains(name) && !name.startsWith("sim.")) refuse(loc(k, name, c), name + " = " + k.explicit().get(name)
                    + " is not applied by the lab (it sets only the congestion control); remove it for a kernel run");
        }
        if (k.getInt("sim.mtu", 1500) != 1500) refuse(loc(k, "sim.mtu", c), "the lab's veth MTU is 1500; sim.mtu " + k.getInt("sim.mtu", 1500) + " is not supported");
        if (k.getInt("sim.delayed_ack", 1) == 0) refuse(loc(k, "sim.delayed_ack", c), "the kernel always delays ACKs; sim.delayed_ack 0 has no kernel equivalent");
    }

    /** What no path can express; the mapping stops here if anything so far was refused. */
    private boolean links() {
        for (LinkSpec l : sc.links()) {
            if (!l.schedule().isEmpty()) refuse(l.schedule().get(0).loc(), "link " + l.id() + ": link schedules (down/up/rate changes) are not supported by the lab");
            if (l.forward().loss() > 0 || l.reverse().loss() > 0) refuse(l.forward().loss() > 0 ? l.forward().loc() : l.reverse().loc(),
                    "link " + l.id() + ": random loss is not supported by the lab (the host kernel has no netem)");
            if (l.forward().model() != null || l.reverse().model() != null) refuse(l.forward().model() != null ? l.forward().loc() : l.reverse().loc(),
                    "link " + l.id() + ": wireless link models (trace, Gilbert-Elliott loss, jitter) are not supported by the lab (the host kernel has no netem)");
            if (l.forward().delayPs() != l.reverse().delayPs()) refuse(l.reverse().loc(),
                    "link " + l.id() + ": a reverse delay different from the forward delay cannot be expressed (the lab delays both directions equally)");
        }
        return refusals.isEmpty();
    }

    /** The main connection's subflows by client interface: the initial one, the PM's (endpoints, out-of-tree) or explicit ones. */
    private boolean subflows() {
        first = ScenarioRoutes.addressName(sc, main.fromHost(), main.fromInterface());
        if (first == null) {
            refuse(main.loc(), "host " + main.fromHost() + " has no interface");
            return false;
        }
        subflowsPerIface.put(first, 1);
        ifaceLoc.put(first, main.loc());
        boolean mptcp = main.type() == ConnectionSpec.Type.MPTCP;
        if (outOfTree && mptcp) ootSubflows(main, first, subflowsPerIface, ifaceLoc);
        if (!outOfTree && mptcp && "kernel".equals(main.kernel().get(KernelOptions.PATH_MANAGER))) {
            for (String i : endpointSubflows(main, first)) {
                subflowsPerIface.merge(i, 1, Integer::sum);
                ifaceLoc.putIfAbsent(i, loc(main.kernel(), ENDPOINTS, main));
            }
        }
        if (mptcp && outOfTree && !main.subflows().isEmpty()) {
            refuse(main.subflows().get(0).loc(), "explicit subflows: on the out-of-tree kernel its path manager opens the subflows"
                    + " (net.mptcp.mptcp_path_manager fullmesh/ndiffports); remove subflows: for a kernel run");
        }
        if (mptcp && !outOfTree) explicitSubflows();
        return true;
    }

    private void explicitSubflows() {
        for (SubflowSpec s : main.subflows()) {
            if (!s.fromHost().equals(main.fromHost()) || !s.toHost().equals(main.toHost())) {
                refuse(s.loc(), "explicit subflows must join the connection's hosts " + main.fromHost() + " -> " + main.toHost());
                continue;
            }
            if (s.toInterface() != null && main.toInterface() != null && !s.toInterface().equals(main.toInterface())) {
                refuse(s.loc(), "the lab's server has one address; a subflow to another server interface (" + s.toInterface() + ") is not supported");
            }
            String i = s.fromInterface() != null ? s.fromInterface() : first;
            subflowsPerIface.merge(i, 1, Integer::sum);
            ifaceLoc.putIfAbsent(i, s.loc());
        }
    }

    /** One path per client interface, its route to the server. */
    private boolean routes() {
        ifaces.addAll(subflowsPerIface.keySet());
        for (String i : ifaces) {
            List<Hop> r = route(main.fromHost(), i, main.toHost(), main.toInterface(), ifaceLoc.get(i));
            if (r == null) return false;
            routes.add(r);
        }
        return true;
    }

    /**
     * The bottleneck of each route: its rate-limiting links (below {@link #FAST_FACTOR} × the slowest) in the data direction.
     * One: that link. Two: the later one is the bottleneck, the earlier one the path's own limit in front of it (a tandem,
     * SHARED only: tbf on the path's router towards the shared bottleneck; {@link #topology} checks). More: refused.
     */
    private boolean bottlenecks() {
        for (int p = 0; p < routes.size(); p++) {
            List<Hop> r = routes.get(p);
            Hop slow = r.stream().min((a, c) -> Long.compare(a.data().rateBps(), c.data().rateBps())).orElseThrow();
            List<Hop> limits = r.stream().filter(h -> h.data().rateBps() < FAST_FACTOR * slow.data().rateBps()).toList();
            if (limits.size() > 2) {
                refuse(limits.get(2).data().loc(), "path over " + ifaces.get(p) + " has " + limits.size() + " rate limits ("
                        + limits.stream().map(h -> h.link().id() + " " + mbit(h.data().rateBps())).collect(java.util.stream.Collectors.joining(", "))
                        + "); the lab shapes one link per path, or two in tandem (the path's own, then the shared bottleneck); the others must be ≥ "
                        + (int) FAST_FACTOR + "× faster than the slowest");
            }
            for (Hop h : r) ackRate(h, slow);
            bottle.add(limits.get(limits.size() - 1));
            upstream.add(limits.size() >= 2 ? limits.get(0) : null);
        }
        return true;
    }

    /** The lab does not shape the ACK direction: no hop's ACK-direction rate below the bottleneck {@code b}'s. */
    private void ackRate(Hop h, Hop b) {
        if (h.ack().rateBps() < b.data().rateBps()) {
            refuse(h.ack().loc(), "link " + h.link().id() + ": the ACK-direction rate " + mbit(h.ack().rateBps())
                    + " is below the bottleneck rate; the lab does not shape the ACK direction");
        }
    }

    private boolean topology() {
        boolean allSame = bottle.stream().allMatch(b -> b.link() == bottle.get(0).link());
        boolean allDistinct = bottle.stream().map(Hop::link).distinct().count() == bottle.size();
        if (!competing.isEmpty() || !otherHosts.isEmpty()) {
            if (!allSame) {
                refuse((competing.isEmpty() ? otherHosts : competing).get(0).loc(), "competing TCP connections need every path through one shared bottleneck; "
                        + "the paths' bottlenecks are " + bottle.stream().map(b -> b.link().id()).toList());
                return false;
            }
            topo = LabSpec.Topology.SHARED;
        } else if (bottle.size() == 1 || allDistinct) {
            topo = LabSpec.Topology.SEPARATE;
        } else if (allSame) {
            topo = LabSpec.Topology.SHARED;
        } else {
            refuse(sc.loc(), "the lab builds two topologies: every path its own bottleneck, or all paths through one; here the bottlenecks are "
                    + bottle.stream().map(b -> b.link().id()).toList());
            return false;
        }
        return tandem();
    }

    /**
     * Two rate limits on a path: only as a tandem into a SHARED bottleneck, the earlier one the path's own (no other path
     * crosses it; {@link #otherHost} refuses another host's route through it), as the lab builds it: tbf on the path's
     * router towards the shared bottleneck, after the path's delay line.
     */
    private boolean tandem() {
        boolean ok = true;
        for (int p = 0; p < upstream.size(); p++) {
            Hop u = upstream.get(p);
            if (u == null) continue;
            String two = "path over " + ifaces.get(p) + " has two rate limits (" + u.link().id() + " " + mbit(u.data().rateBps()) + " and "
                    + bottle.get(p).link().id() + " " + mbit(bottle.get(p).data().rateBps()) + ")";
            if (topo != LabSpec.Topology.SHARED) {
                refuse(u.data().loc(), two + "; the lab shapes one link per path, or two in tandem in front of a bottleneck shared with other flows"
                        + " or paths; the others must be ≥ " + (int) FAST_FACTOR + "× faster");
                ok = false;
                continue;
            }
            for (int q = 0; q < routes.size(); q++) {
                if (q != p && routes.get(q).stream().anyMatch(h -> h.link() == u.link())) {
                    refuse(u.data().loc(), two + "; path over " + ifaces.get(q) + " crosses " + u.link().id() + " too; the lab shapes a path's own limit "
                            + "on that path's router, so it must not be shared");
                    ok = false;
                }
            }
        }
        return ok;
    }

    private boolean competingOverPathOne() {
        for (ConnectionSpec c : competing) {
            String ci = ScenarioRoutes.addressName(sc, c.fromHost(), c.fromInterface());
            if (!ci.equals(ifaces.get(0))) refuse(c.loc(), "competing TCP connection " + c.id() + " leaves over " + ci
                    + "; the lab sends competing flows over path 1 (" + ifaces.get(0) + ")");
        }
        return true;
    }

    /** Other hosts: their own access path (delay only) into the same bottleneck. */
    private boolean otherHostRoutes() {
        for (ConnectionSpec c : otherHosts) otherHost(c);
        return true;
    }

    private void otherHost(ConnectionSpec c) {
        String ci = ScenarioRoutes.addressName(sc, c.fromHost(), c.fromInterface());
        if (ci == null) {
            refuse(c.loc(), "host " + c.fromHost() + " has no interface");
            return;
        }
        List<Hop> r = route(c.fromHost(), ci, c.toHost(), c.toInterface(), c.loc());
        if (r == null) return;
        Hop b = bottle.get(0);
        int at = -1;
        for (int h = 0; h < r.size(); h++) if (r.get(h).link() == b.link()) at = h;
        if (at < 0 || r.get(at).forward() != b.forward()) {
            refuse(c.loc(), "competing TCP connection " + c.id() + " from " + c.fromHost() + " does not cross the shared bottleneck "
                    + b.link().id() + "; " + COMPETING_SUPPORTED);
            return;
        }
        if (!sameTail(r.subList(at, r.size()), routes.get(0))) {
            refuse(c.loc(), "competing TCP connection " + c.id() + " from " + c.fromHost() + " reaches the server on another route after "
                    + b.link().id() + " than the MPTCP paths; the lab joins it at the shared bottleneck");
            return;
        }
        for (Hop h : r) {
            if (h.link() != b.link() && h.data().rateBps() < FAST_FACTOR * b.data().rateBps()) {
                refuse(h.data().loc(), "competing TCP connection " + c.id() + ": link " + h.link().id() + " (" + mbit(h.data().rateBps())
                        + ") limits its rate besides the shared bottleneck; the lab shapes only the bottleneck (others must be ≥ "
                        + (int) FAST_FACTOR + "× faster)");
            }
            ackRate(h, b);
        }
        // the lab's other-host router delays the whole route; the bottleneck's own delay and what follows it are on every path
        String ownCc = c.kernel().congestionControl();
        others.add(new LabSpec.OtherHost(c.fromHost(), Math.round(owdPs(r) / 1e6), ownCc.equals(cc) ? null : ownCc, r.get(0).link().id()));
    }

    /** Delays, rates and buffers of the paths and the shared bottleneck. */
    private boolean shaping() {
        int mtu = main.kernel().getInt("sim.mtu", 1500);
        int l2 = sc.kernel().getInt("sim.l2_overhead_bytes", 0);
        if (l2 != ETH) notes.add(String.format(Locale.ROOT, "sim.l2_overhead_bytes is %d: the simulator counts %d B per full frame, tbf counts %d "
                + "(rate and byte buffers differ by %.1f %%); set sim.l2_overhead_bytes: 14 for a like-for-like comparison", l2, mtu + l2, mtu + ETH,
                100.0 * (ETH - l2) / (mtu + ETH)));
        for (int p = 0; p < routes.size(); p++) {
            long owdUs = Math.round(owdPs(routes.get(p)) / 1e6);
            Hop ownHop = topo == LabSpec.Topology.SEPARATE ? bottle.get(p) : upstream.get(p);
            LabSpec.Link own = ownHop == null ? null : link(ownHop, mtu);
            paths.add(new LabSpec.Path(ifaces.get(p), owdUs, subflowsPerIface.get(ifaces.get(p)), own));
        }
        shared = topo == LabSpec.Topology.SHARED ? link(bottle.get(0), mtu) : null;
        return true;
    }

    /** The one-way delay of a route: the sum of its links' data-direction delays. */
    private static long owdPs(List<Hop> route) {
        long owdPs = 0;
        for (Hop h : route) owdPs += h.data().delayPs();
        return owdPs;
    }

    private boolean duration() {
        double durS = sc.durationPs() / 1e12;
        if (Math.abs(durS - Math.rint(durS)) > 1e-9) notes.add("duration " + durS + " s rounded to " + Math.round(durS) + " s (iperf3 -t takes whole seconds)");
        if (durS < 1) {
            refuse(sc.loc().withPath("duration"), "the lab needs a duration of at least 1 s");
            return false;
        }
        return true;
    }

    private boolean totalRate() {
        List<String> ids = new ArrayList<>();   // the outputs name each flow as the scenario does
        ids.add(main.id());
        competing.forEach(c -> ids.add(c.id()));
        otherHosts.forEach(c -> ids.add(c.id()));
        spec = new LabSpec(sc.name(), topo, paths, shared, Math.round(sc.durationPs() / 1e12), cc, main.type() == ConnectionSpec.Type.MPTCP,
                competing.size(), others, Math.max(0.01, sc.samplePs() / 1e12), LabSpec.uniquePrefix(), ids);
        if (spec.totalRateBps() > backend.maxTotalRateBps()) {
            refuse(bottle.get(0).data().loc(), String.format(Locale.ROOT, "total bottleneck rate %s is above what the %s backend reproduces faithfully (%s)%s",
                    mbit(spec.totalRateBps()), backend.name().toLowerCase(Locale.ROOT), mbit(backend.maxTotalRateBps()),
                    backend == Backend.VM ? "; QEMU TCG is CPU-bound above that: use --backend host or lower the rates (e.g. --set links.ID.rate=...)" : ""));
        }
        return true;
    }

    private boolean kernelImage() {
        if (outOfTree && !customKernel) refuse(sc.loc().withPath("kernel.flavour"), "flavour mptcp-v0.95 runs on the out-of-tree multipath-tcp.org kernel;"
                + " pass one built by you with --kernel IMAGE (User-Mode Linux: ARCH=um; or a bzImage for --backend vm)");
        if (!customKernel && refusals.isEmpty()) notes.add("kernel under test: " + switch (backend) {
            case HOST -> "the host's own kernel";
            case VM -> "Debian linux-image-amd64";
            case UML -> "Debian user-mode-linux (" + KernelImage.DEBIAN_UML + ")";
        });
        return true;
    }

    /**
     * Out-of-tree kernel (flavour mptcp-v0.95): the options become its knobs ({@link OotClient}, refusing those it has no
     * knob for); competing plain TCP flows opt out per socket (nomptcp.c), since every socket is MPTCP with mptcp_enabled=1.
     */
    private void mapOutOfTree(ConnectionSpec main, List<ConnectionSpec> competing, List<ConnectionSpec> otherHosts) {
        for (ConnectionSpec c : sc.connections()) {
            if (c != main && !c.kernel().equals(main.kernel()) && c.kernel().flavour() != Flavour.MPTCP_V095) {
                refuse(loc(c.kernel(), KernelOptions.FLAVOUR, c), "connection " + c.id() + ": one kernel runs every flow; its flavour must be mptcp-v0.95 as " + main.id() + "'s");
            }
        }
        // competing plain TCP flows: kept plain by a preload library setting the per-socket MPTCP_ENABLED to 0 (nomptcp.c)
        if (main.type() != ConnectionSpec.Type.MPTCP) {
            refuse(main.loc(), "a plain TCP connection on the out-of-tree kernel: every socket is MPTCP there (net.mptcp.mptcp_enabled=1); use flavour: upstream");
        }
        Set<String> others = new java.util.LinkedHashSet<>();
        for (ConnectionSpec c : otherHosts) others.add(c.kernel().congestionControl());
        for (ConnectionSpec c : competing) {
            if (!c.kernel().congestionControl().equals(main.kernel().congestionControl())) refuse(loc(c.kernel(), KernelOptions.CC, c),
                    "competing TCP connection " + c.id() + " from the MPTCP client must use its congestion control in the lab; a TCP flow from another host may use its own");
        }
        oot = OotClient.map(main.kernel(), main.loc().withPath("connections[" + main.id() + "].kernel"), this::refuse, others);
    }

    /**
     * The subflows the out-of-tree path manager opens, by client interface: fullmesh (mptcp_fullmesh.c) one per local
     * address × server address with num_subflows each (the lab's server has one address; client path i has one address),
     * so num_subflows on every client interface; ndiffports (mptcp_ndiffports.c) num_subflows in all, from the first
     * interface's address with other source ports; default none beyond the initial subflow.
     */
    private void ootSubflows(ConnectionSpec main, String first, Map<String, Integer> perIface, Map<String, Loc> locs) {
        KernelOptions k = main.kernel();
        String pm = k.get(KernelOptions.PATH_MANAGER);
        Loc at = loc(k, KernelOptions.PATH_MANAGER, main);
        if ("fullmesh".equals(pm)) {
            int n = k.getInt("mptcp_fullmesh.num_subflows", 1);
            perIface.put(first, n);
            HostSpec h = sc.hosts().get(main.fromHost());
            List<String> ifaces = new ArrayList<>();
            if (h != null && !h.interfaces().isEmpty()) {
                for (InterfaceSpec i : h.interfaces()) ifaces.add(i.name());
            } else {
                for (LinkSpec l : sc.linksOf(main.fromHost())) ifaces.add(l.id());
            }
            for (String i : ifaces) {
                if (i.equals(first)) continue;
                perIface.put(i, n);
                locs.put(i, at);
            }
        } else if ("ndiffports".equals(pm)) {
            perIface.put(first, k.getInt("mptcp_ndiffports.num_subflows", 2));
        }
    }

    /**
     * The client interfaces the upstream in-kernel PM opens extra subflows from, as the simulator's {@code kernel} PM does:
     * client {@code subflow} endpoints in id order, skipping the initial subflow's interface, up to {@code mptcp.limits subflows}.
     * Refuses what the lab cannot reproduce (server signal endpoints, backup, fullmesh, explicit subflows on top).
     */
    private List<String> endpointSubflows(ConnectionSpec c, String initialIface) {
        KernelOptions k = c.kernel();
        Loc where = loc(k, ENDPOINTS, c);
        String spec = k.get(ENDPOINTS);
        List<String> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) return out;
        java.util.TreeMap<Integer, String> byId = new java.util.TreeMap<>();
        int nextId = 1;
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) continue;
            List<String> t = new ArrayList<>(List.of(entry.trim().split("\\s+")));
            if (t.get(0).equals("dev")) t.remove(0);
            String target = t.remove(0);
            int id = nextId;
            Set<String> flags = new java.util.HashSet<>();
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).equals("id") && i + 1 < t.size()) id = Integer.parseInt(t.get(++i));
                else flags.add(t.get(i));
            }
            nextId = Math.max(nextId, id) + 1;
            String host = target.contains(":") ? target.substring(0, target.indexOf(':')) : c.fromHost();
            String iface = target.contains(":") ? target.substring(target.indexOf(':') + 1) : target;
            if (!host.equals(c.fromHost())) {
                if (flags.contains("signal")) refuse(where, "server signal endpoint " + target + ": the lab's server has one address and announces nothing");
                continue;
            }
            if (flags.contains("backup")) refuse(where, "endpoint " + target + " is a backup endpoint; the lab has no backup subflows");
            if (flags.contains("fullmesh")) refuse(where, "endpoint " + target + " has fullmesh; the lab maps plain subflow endpoints only");
            if (flags.contains("subflow") && !iface.equals(initialIface)) byId.put(id, iface);
        }
        int limit = 2;
        String lim = k.get(LIMITS);
        if (lim != null) {
            String[] t = lim.trim().split("\\s+");
            for (int i = 0; i + 1 < t.length; i++) if (t[i].equals("subflows")) limit = Integer.parseInt(t[i + 1]);
        }
        for (String i : byId.values()) if (out.size() < limit && !out.contains(i)) out.add(i);
        if (!out.isEmpty() && !c.subflows().isEmpty()) {
            refuse(c.loc(), "both endpoint subflows (mptcp.endpoints) and explicit subflows: use one of the two for a lab run");
        }
        return out;
    }

    /** Whether route {@code tail} (from the shared bottleneck on) is the end of {@code path}. */
    private static boolean sameTail(List<Hop> tail, List<Hop> path) {
        if (tail.size() > path.size()) return false;
        List<Hop> end = path.subList(path.size() - tail.size(), path.size());
        for (int i = 0; i < tail.size(); i++) if (tail.get(i).link() != end.get(i).link()) return false;
        return true;
    }

    private LabSpec.Link link(Hop b, int mtu) {
        DirectionSpec d = b.data();
        BufferSpec buf = d.buffer();
        long bytes;
        switch (buf.kind()) {
            case BYTES -> bytes = buf.count();
            case PACKETS -> bytes = Math.max(1, buf.count()) * (long) (mtu + ETH);
            case BDP -> {
                // the simulator's own packet count (ScenarioRunner.resolveBuffers), in frames of MTU + Ethernet header
                ScenarioRunner sim = simulator();
                long rtt = sim.bufferRttPs(b.link().id(), b.forward());
                long pkts = sim.bufferPackets(b.link().id(), b.forward());
                bytes = pkts * (mtu + ETH);
                notes.add(String.format(Locale.ROOT, "link %s: buffer %s = %d packets (RTT %.1f ms) = tbf limit %d B", b.link().id(), buf, pkts, rtt / 1e9, bytes));
            }
            default -> throw new IllegalStateException();
        }
        if (bytes < mtu + ETH) {
            refuse(buf.loc(), "link " + b.link().id() + ": buffer " + buf + " holds less than one full frame (" + (mtu + ETH) + " B with Ethernet header)");
            bytes = mtu + ETH;
        }
        if (bytes > Integer.MAX_VALUE) {
            refuse(buf.loc(), "link " + b.link().id() + ": buffer too large for tbf");
            bytes = Integer.MAX_VALUE;
        }
        if (b.link().qdisc() != Link.Qdisc.TBF) notes.add("link " + b.link().id() + ": qdisc droptail in the simulator, but the lab's tbf"
                + " counts the frame waiting for tokens in its limit (one frame less of buffer); set qdisc: tbf for a like-for-like comparison");
        return new LabSpec.Link(b.link().id(), d.rateBps(), (int) bytes);
    }

    /** The simulator built from the scenario, for its buffer sizes (built once, when a BDP buffer needs it). */
    private ScenarioRunner simulator() {
        if (simulator == null) simulator = ScenarioRunner.forMapping(sc);
        return simulator;
    }

    /** The links of interface {@code iface} of {@code host}: its InterfaceSpec's, else the link named like it. */
    private List<String> ifaceLinks(String host, String iface) {
        HostSpec h = sc.hosts().get(host);
        InterfaceSpec i = h == null ? null : h.iface(iface);
        if (i != null) return i.links();
        return sc.link(iface) != null ? List.of(iface) : List.of();
    }

    /**
     * The route client:iface → server the simulator takes ({@link ScenarioRoutes#routes}: the explicit
     * route under {@code routes:} when one applies, by the simulator's own lookup, else the shortest
     * route), which must be unique.
     */
    private List<Hop> route(String from, String iface, String to, String toIface, Loc where) {
        if (ifaceLinks(from, iface).isEmpty()) {
            refuse(where, "client interface " + iface + " of " + from + " has no link");
            return null;
        }
        // the simulator's routes: an explicit one, else every shortest one (hosts do not forward unless forwarding: true)
        List<List<Hop>> found = new ArrayList<>();
        for (List<ScenarioRoutes.Hop> r : routing.routes(from, iface, to, toIface)) {
            found.add(r.stream().map(h -> new Hop(h.link(), h.forward())).toList());
        }
        if (found.isEmpty()) {
            refuse(where, "no route from " + from + ":" + iface + " to " + to);
            return null;
        }
        if (found.size() > 1) {
            refuse(where, "several equal-cost routes from " + from + ":" + iface + " to " + to
                    + " (the simulator spreads subflows over them by hash); give an explicit route under routes:");
            return null;
        }
        return found.get(0);
    }

    /**
     * Where an option of {@code c} is set; for one left at its default, the connection's entry, except where the file
     * has none: the short form's implied connection (its loc path is {@code connections}) names {@code kernel.NAME}
     * in the file, without a line, and says the connection is implied.
     */
    private static Loc loc(KernelOptions k, String name, ConnectionSpec c) {
        Loc l = k.locationOf(name);
        if (l != null) return l;
        if (c.loc().path().equals("connections")) {   // the short form's implied connection
            return Loc.of(c.loc().file(), "kernel." + name + " (not set; connection " + c.id()
                    + " is implied by the short form's paths:)");
        }
        return c.loc().withPath("connections[" + c.id() + "].kernel." + name);
    }

    static String mbit(long bps) {
        return String.format(Locale.ROOT, "%.3g Mbit/s", bps / 1e6);
    }

    private static String fmtS(long ps) {
        return String.format(Locale.ROOT, "%.3f s", ps / 1e12);
    }
}
