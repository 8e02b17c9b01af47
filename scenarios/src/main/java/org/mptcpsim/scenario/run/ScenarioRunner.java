package org.mptcpsim.scenario.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.RandomStreams;
import org.mptcpsim.core.SimulationStalledException;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.mptcp.MptcpConnection;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PmContext;
import org.mptcpsim.net.Link;
import org.mptcpsim.net.PacketPool;
import org.mptcpsim.net.Route;
import org.mptcpsim.net.SimContext;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.SubflowSpec;
import org.mptcpsim.scenario.options.KernelOptions;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.options.Plugins;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.tcp.AppListener;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.tcp.TcpConfig;
import org.mptcpsim.tcp.TcpConnection;

/**
 * Builds a validated {@link Scenario} into a simulation and runs it: topology, connections
 * started at their times, path managers, link schedules and the sampler. Outputs go through a
 * {@link RunWriter} into one run directory (written to a temporary sibling and renamed, so a
 * failed run leaves nothing half-written). One runner = one run, single-threaded.
 */
public final class ScenarioRunner {
    /** Receives progress while a run goes on (simulated time and its end, picoseconds). */
    public interface Progress {
        void update(long simPs, long endPs);

        Progress NONE = (a, b) -> {
        };
    }

    private final Scenario sc;
    /** The plug-ins the connections are built from: the instance the loader validated names against. */
    private final Plugins plugins;

    private OutputBudget budget = OutputBudget.DEFAULT;
    final EventLoop loop = new EventLoop();
    final PacketPool pool = new PacketPool();
    private final RandomStreams rnd;
    final BuiltTopology topo;
    final List<ConnRun> conns = new ArrayList<>();
    final EventLog events;
    private final SplittableRandom isnRandom;
    private List<String> captureLinks = List.of();
    /** Per link direction (Link.index): the RTT a BDP buffer of it is sized with (resolveBuffers' rule). */
    private long[] bufferRtt;

    /** A runner over the standard plug-ins ({@link OptionRegistry#standard()}, as the default loader uses). */
    public ScenarioRunner(Scenario sc) {
        this(sc, OptionRegistry.standard().plugins());
    }

    /** A runner building its connections from {@code plugins} (the loader's registry's). */
    public ScenarioRunner(Scenario sc, Plugins plugins) {
        this(sc, plugins, true);
    }

    /**
     * A runner that only maps {@code sc} (buffers, routes) for code that runs it elsewhere, the kernel lab: it accepts
     * the kernel options the simulator does not model ({@link UnmodelledOptions}), which a real kernel applies.
     */
    public static ScenarioRunner forMapping(Scenario sc) {
        return new ScenarioRunner(sc, OptionRegistry.standard().plugins(), false);
    }

    private ScenarioRunner(Scenario sc, Plugins plugins, boolean simulate) {
        this.sc = sc;
        this.plugins = plugins;
        this.rnd = new RandomStreams(sc.seed());
        List<String> connIds = sc.connections().stream().map(ConnectionSpec::id).toList();
        List<String> linkIds = sc.links().stream().map(LinkSpec::id).toList();
        this.events = new EventLog(connIds, linkIds);
        this.topo = new BuiltTopology(sc, loop, pool, events, rnd);
        this.isnRandom = rnd.stream("isn");
        if (simulate) {
            UnmodelledOptions.check(sc);
        }
        for (ConnectionSpec c : sc.connections()) {
            KernelOptions k = c.kernel();
            String cc = offered(c, Plugins.Kind.CONGESTION_CONTROL);
            boolean mptcp = c.type() == ConnectionSpec.Type.MPTCP;
            String pm = mptcp ? offered(c, Plugins.Kind.PATH_MANAGER) : "-";
            String sched = mptcp ? offered(c, Plugins.Kind.SCHEDULER) : "-";
            conns.add(new ConnRun(c, conns.size(), cc, pm, sched));
        }
        resolveBuffers();
        for (LinkSpec l : sc.links()) {
            for (LinkEvent e : l.schedule()) {
                scheduleLinkEvent(l, e);
            }
        }
        for (ConnRun c : conns) {
            loop.schedule(new Event() {
                @Override
                protected void onEvent(long now) {
                    start(c);
                }

                @Override
                public String describe() {
                    return "connection " + c.spec.id() + " start";
                }
            }, c.spec.startPs());
        }
    }

    /**
     * The plug-in of {@code kind} connection {@code c} selects, checked against its flavour: one
     * the flavour does not offer is refused where the scenario asked for it; a name no flavour
     * registers (the loader validated it, so a class path that changed since) says which exist.
     */
    private String offered(ConnectionSpec c, Plugins.Kind kind) {
        String name = c.kernel().get(kind.option());
        Flavour f = c.kernel().flavour();
        if (plugins.find(kind, f, name) != null) {
            return name;
        }
        if (!plugins.names(kind).contains(name)) {
            throw new IllegalArgumentException("unknown " + kind.what() + " \"" + name + "\"; known: "
                    + String.join(", ", plugins.names(kind)));
        }
        throw new ScenarioException(where(c, kind.option()), notOffered(kind, f, name), plugins.names(kind, f));
    }

    /** Why {@code flavour} has no plug-in {@code name} of {@code kind}. */
    private static String notOffered(Plugins.Kind kind, Flavour flavour, String name) {
        if (flavour != Flavour.UPSTREAM) {
            return kind.what() + " " + name + " is not offered by flavour " + flavour.key();
        }
        return switch (kind) {
            case CONGESTION_CONTROL -> name + " is not in upstream Linux: upstream MPTCP runs an uncoupled congestion"
                    + " control per subflow; use flavour " + Flavour.MPTCP_V095.key() + " for the coupled controls";
            case PATH_MANAGER -> "path manager " + name + " is out-of-tree only; upstream Linux configures its in-kernel"
                    + " PM with mptcp.endpoints and mptcp.limits";
            case SCHEDULER -> "scheduler " + name + " is out-of-tree only; upstream Linux has one scheduler";
        };
    }

    private static Loc where(ConnectionSpec c, String option) {
        Loc l = c.kernel().locationOf(option);
        return l != null ? l : c.loc();
    }

    /**
     * Events in a row without the clock advancing before the run ends with a
     * {@link SimulationStalledException} (default {@link EventLoop#DEFAULT_STALL_EVENTS}).
     */
    /**
     * The packet limit this run gives one direction of link {@code linkId} ({@code forward} = from
     * its {@code from} to its {@code to}), its buffer resolved as {@link #bufferRttPs} says; for
     * code that maps a scenario elsewhere and must size buffers as the simulator does (the kernel
     * lab's tbf limits).
     */
    public int bufferPackets(String linkId, boolean forward) {
        return topo.byLinkId.get(linkId)[forward ? 0 : 1].limitPkts();
    }

    /**
     * The RTT a BDP buffer of that link direction is sized with: the link's {@code rtt}, else the
     * shortest propagation RTT of the initial subflows crossing it, else twice its delay.
     */
    public long bufferRttPs(String linkId, boolean forward) {
        return bufferRtt[topo.byLinkId.get(linkId)[forward ? 0 : 1].index];
    }

    public void setStallLimit(long events) {
        loop.setStallLimit(events);
    }

    /**
     * Runs to the scenario's duration and writes the run directory {@code out}.
     *
     * @throws OutputDir.Refused when {@code out} is not a place we may write (see {@link OutputDir})
     */
    public RunResult run(Path out, Progress progress) throws IOException {
        return run(OutputDir.check(out), progress);
    }

    /**
     * The disk guard (default {@link OutputBudget#DEFAULT}: 1 GiB of samples); checked before the
     * run starts and while it writes.
     */
    public ScenarioRunner budget(OutputBudget b) {
        this.budget = b;
        return this;
    }

    /**
     * Runs to the scenario's duration and writes the checked run directory {@code out}.
     *
     * @throws ScenarioException before anything is written when the outputs would exceed the budget
     */
    public RunResult run(OutputDir out, Progress progress) throws IOException {
        budget.check(sc, 1);
        long wallStart = System.nanoTime();
        RunWriter writer = RunWriter.open(out, sc, budget);
        events.attach(writer::eventRow);
        try {
            for (String id : captureLinks) {
                PcapCapture pc = new PcapCapture(writer.capture(id), this::captureFlow, sc.kernel().getInt("sim.mtu", 1500));
                for (Link l : topo.byLinkId.get(id)) {
                    l.setTap(pc);
                }
            }
            Sampler sampler = new Sampler(this, writer);
            loop.schedule(sampler, Math.min(sc.samplePs(), sc.durationPs()));
            long end = sc.durationPs();
            long step = Math.max(Time.ms(100), end / 200);
            for (long t = Math.min(step, end); ; t = Math.min(t + step, end)) {
                loop.run(t);
                progress.update(t, end);
                if (t >= end) {
                    break;
                }
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            return writer.finish(this, wall);
        } catch (SimulationStalledException e) {
            writer.abort();
            throw located(e);
        } catch (IOException | RuntimeException e) {
            events.attach(null);
            writer.abort();
            throw e;
        }
    }

    /**
     * Captures every packet the named links deliver, both directions, into {@code pcap/LINK.pcap} of the run
     * directory ({@link PcapCapture}); the ids must be the scenario's links.
     *
     * @throws IllegalArgumentException naming the unknown id and the links there are
     */
    public ScenarioRunner capture(List<String> linkIds) {
        for (String id : linkIds) {
            if (!topo.byLinkId.containsKey(id)) {
                throw new IllegalArgumentException("no link '" + id + "' in " + sc.name() + "; links: "
                        + String.join(", ", sc.links().stream().map(LinkSpec::id).toList()));
            }
        }
        captureLinks = List.copyOf(new java.util.LinkedHashSet<>(linkIds));
        return this;
    }

    /** The subflow whose data route ({@code fromSender}) or ACK route ends at {@code end}, for a capture. */
    private PcapCapture.Dir captureFlow(Object end) {
        for (ConnRun c : withChildren()) {
            for (ConnRun.SubflowRun r : c.subflows) {
                boolean ack = r.subflow == end;
                if (ack || r.subflow.peer() == end) {
                    Subflow s = r.subflow;
                    PcapCapture.Mptcp mp = !c.isMptcp() ? null : PcapCapture.Mptcp.of(
                            c.spec.kernel().flavour() == Flavour.UPSTREAM ? 1 : 0, r != c.subflows.get(0),
                            RandomStreams.mix(2L * c.index + 1), RandomStreams.mix(2L * c.index + 2), r.local.id(), r.local.backup(),
                            c.spec.serverSends());
                    PcapCapture.Flow f = new PcapCapture.Flow(
                            PcapCapture.address(topo.net.nodeIndex(r.local.host()), r.local.id()),
                            PcapCapture.address(topo.net.nodeIndex(r.remote.host()), r.remote.id()),
                            r.port, c.spec.serverSends(), r.isn, () -> s.sk.mssCache, mp);
                    return new PcapCapture.Dir(f, !ack);
                }
            }
        }
        return null;
    }

    /** The stall with the scenario file and the connection's id instead of its index. */
    private SimulationStalledException located(SimulationStalledException e) {
        String component = e.component();
        for (ConnRun c : conns) {
            String idx = "connection #" + c.index + " ";
            if (component.startsWith(idx)) {
                component = "connection " + c.spec.id() + " " + component.substring(idx.length());
                break;
            }
        }
        SimulationStalledException l = new SimulationStalledException(sc.sourceFile(), e.timePs(), component, e.what());
        l.initCause(e);
        return l;
    }

    Scenario scenario() {
        return sc;
    }

    /** A subflow a {@link #preview} saw open: its connection, id, addresses, links crossed and algorithms. */
    public record PlannedSubflow(String connection, int subflow, String local, String remote, List<String> path,
                                 String cc, String pm, String scheduler) {
    }

    /**
     * Simulates the first {@code untilPs} (at most the duration) without writing anything and
     * returns the subflows open by then with the links their data crosses (the path managers
     * decide which subflows exist, and ECMP picks among equal-cost paths by the seeded 5-tuple
     * hash, so only a run can tell). Stops earlier after {@code maxEvents} events (a fabric's first
     * seconds are millions of events; {@link #simulatedPs()} tells how far it got). For
     * {@code mptcp-sim check}; a runner is used once.
     */
    public List<PlannedSubflow> preview(long untilPs, long maxEvents) {
        loop.run(Math.min(untilPs, sc.durationPs()), maxEvents);
        List<PlannedSubflow> out = new ArrayList<>();
        for (ConnRun c : conns) {
            for (ConnRun.SubflowRun r : c.subflows) {
                out.add(new PlannedSubflow(c.spec.id(), r.subflow.sk.id, r.local.toString(), r.remote.toString(),
                        List.copyOf(r.path), c.cc, c.isMptcp() ? c.pm : "", c.isMptcp() ? c.scheduler : ""));
            }
        }
        return out;
    }

    /** The simulated time reached so far (picoseconds). */
    public long simulatedPs() {
        return loop.nowPs();
    }

    /** Data segments sent by every subflow so far. */
    long dataPackets() {
        long n = 0;
        for (ConnRun c : conns) {
            for (ConnRun.SubflowRun s : c.subflows) {
                n += s.subflow.dataSegmentsSent();
            }
            n += c.childPackets;
            for (ConnRun ch : c.children) {
                for (ConnRun.SubflowRun s : ch.subflows) {
                    n += s.subflow.dataSegmentsSent();
                }
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ building

    private TcpConfig config(ConnectionSpec c) {
        KernelOptions k = c.kernel();
        String rmem = k.get("net.ipv4.tcp_rmem");
        String[] r = rmem == null ? null : rmem.trim().split("\\s+");
        return TcpConfig.builder()
                .flavour(k.flavour())
                .mptcp(c.type() == ConnectionSpec.Type.MPTCP)
                .framing(k.getInt("sim.mtu", 1500), k.getInt("sim.header_bytes", TcpConfig.HEADER_BYTES),
                        k.getInt("sim.l2_overhead_bytes", 0))
                .dssBytes(k.getInt("sim.dss_bytes", TcpConfig.DSS_BYTES))
                .rcvBufBytes(r == null ? TcpConfig.RMEM_MAX : Long.parseLong(r[2]))
                .rcvBufInitBytes(r == null ? TcpConfig.RMEM_DEFAULT : Long.parseLong(r[1]))
                .moderateRcvbuf(k.getInt("net.ipv4.tcp_moderate_rcvbuf", 1) != 0)
                .delayedAck(k.getInt("sim.delayed_ack", 1) != 0)
                .retries2(k.getInt("net.ipv4.tcp_retries2", TcpConfig.RETRIES2))
                .synRetries(k.getInt("net.ipv4.tcp_syn_retries", TcpConfig.SYN_RETRIES))
                // TSQ holds plain TCP and out-of-tree subflows (their scheduler skips a throttled one); upstream MPTCP's
                // subflows are not held to pairs in the kernel lab (its joined subflow sends 3-segment bursts: F5)
                .tsqResumeUs(c.type() == ConnectionSpec.Type.MPTCP && k.flavour() == Flavour.UPSTREAM ? 0
                        : k.getInt("sim.tsq_resume_us", 0))
                .build();
    }

    private void start(ConnRun c) {
        ConnectionSpec spec = c.spec;
        c.startedPs = loop.nowPs();
        c.local = topo.address(spec.fromHost(), spec.fromInterface());
        c.remote = topo.address(spec.toHost(), spec.toInterface());
        c.nextPort = 32768 + rnd.stream("ports:" + spec.id()).nextInt(28232);
        c.cfg = config(spec);
        AppRun app = AppRun.create(this, c);
        c.app = app;
        if (app instanceof AppRun.Flows) {
            app.start();    // its transfers open their own connections
            return;
        }
        open(c, app, app != null && app.appLimited());
    }

    /** Builds the connection of {@code c} (addresses, config and ports set) and opens its initial subflow. */
    private void open(ConnRun c, AppListener app, boolean appLimited) {
        ConnectionSpec spec = c.spec;
        TcpConfig cfg = c.cfg;
        if (c.isMptcp()) {
            KernelOptions k = spec.kernel();
            PathManager pm = plugins.pathManager(k.flavour(), c.pm).create(k);
            MptcpConnection meta = new MptcpConnection(c.index, spec.sizeBytes(), cfg,
                    plugins.scheduler(k.flavour(), c.scheduler).create(k),
                    new ExplicitSubflows(pm, spec.subflows(), this, c));
            if (appLimited) {
                meta.setApp(app);
            } else if (app != null) {
                meta.setListener(app);
            }
            c.meta = meta;
            c.pmContext = new RunPmContext(this, c);
            meta.setPmContext(c.pmContext);
            meta.pathManager().onNewSession(c.pmContext);
            openSubflow(c, c.local, c.remote, c.local.backup());
        } else {
            if (appLimited) {
                c.tcp = TcpConnection.appLimited(c.index, cfg, app);
            } else {
                c.tcp = new TcpConnection(c.index, spec.sizeBytes(), cfg);
                if (app != null) {
                    c.tcp.setListener(app);
                }
            }
            openSubflow(c, c.local, c.remote, false);
        }
    }

    /**
     * Starts one transfer of a {@code flows} app: a new connection of {@code bytes} from the
     * parent's client to its server, ports continuing from the parent's, not sampled. Its events
     * are the parent's (same connection index).
     */
    ConnRun startChild(ConnRun parent, long bytes, AppListener listener) {
        ConnRun c = new ConnRun(parent.spec.withSize(bytes), parent.index, parent.cc, parent.pm, parent.scheduler);
        c.startedPs = loop.nowPs();
        c.local = parent.local;
        c.remote = parent.remote;
        c.cfg = parent.cfg;
        c.nextPort = parent.nextPort;
        parent.children.add(c);
        open(c, listener, false);
        parent.nextPort = c.nextPort;
        return c;
    }

    /** Closes a finished transfer's connection: its subflows send nothing more; it leaves the parent. */
    void closeChild(ConnRun parent, ConnRun c) {
        c.finished = true;
        for (ConnRun.SubflowRun r : c.subflows) {
            parent.childPackets += r.subflow.dataSegmentsSent();
            r.subflow.close();
        }
        parent.childBytes += c.bytesDelivered();
        parent.children.remove(c);
    }

    EventLoop loop() {
        return loop;
    }

    PacketPool pool() {
        return pool;
    }

    RandomStreams random() {
        return rnd;
    }

    /** Opens a subflow (the initial one, or an MP_JOIN); null when there is no route. */
    Subflow openSubflow(ConnRun c, Address local, Address remote, boolean backup) {
        if (c.finished) {
            return null;    // a finished flows transfer: its path manager's late timers open nothing
        }
        int src = topo.net.nodeIndex(local.host());
        int dst = topo.net.nodeIndex(remote.host());
        int port = c.nextPort++;
        long hash = RandomStreams.mix(((long) src << 48) ^ ((long) port << 24) ^ ((long) dst << 8) ^ local.id());
        List<Link> fwd = topo.route(local, remote, hash);
        List<Link> rev = topo.route(remote, local, RandomStreams.mix(~hash));
        if (fwd == null || rev == null) {
            return null;
        }
        if (c.spec.serverSends()) {
            // request-response answers and streams: the server sends the data, the client's side
            // (which opened the subflow: its path manager, its addresses) receives and ACKs
            List<Link> t = fwd;
            fwd = rev;
            rev = t;
        }
        CongestionControl ca = plugins.congestionControl(c.spec.kernel().flavour(), c.cc).create(c.spec.kernel());
        SimContext sim = new SimContext(loop, pool, events);
        int isn = isnRandom.nextInt();
        Subflow s = c.isMptcp()
                ? c.meta.openSubflow(sim, ca, isn, backup, Route.of(fwd), Route.of(rev))
                : c.tcp.openSubflow(sim, ca, isn, Route.of(fwd), Route.of(rev));
        ConnRun.SubflowRun run = new ConnRun.SubflowRun(s, fwd.stream().map(l -> l.id).toList(), local, remote, fwd, rev);
        run.port = port;
        run.isn = isn;
        c.subflows.add(run);
        if (c.app != null && c.app.appLimited()) {
            s.setIdleRestart(c.spec.kernel().getInt("net.ipv4.tcp_slow_start_after_idle", 1) != 0);
        }
        s.connect();
        return s;
    }

    /** Closes a subflow of an MPTCP connection, reinjecting its data. */
    void closeSubflow(ConnRun c, Subflow s, String reason) {
        if (s.isClosed()) {
            return;
        }
        c.meta.removeSubflow(s);
        events.onSubflowClosed(loop.nowPs(), c.index, s.sk.id, reason);
    }

    private void resolveBuffers() {
        // BDP: rate x the link's rtt, else the shortest propagation RTT of initial subflows crossing it, else 2 x delay
        long[] minRtt = new long[topo.directions.size()];
        Arrays.fill(minRtt, Long.MAX_VALUE);
        for (ConnRun c : conns) {
            Address l = topo.address(c.spec.fromHost(), c.spec.fromInterface());
            Address r = topo.address(c.spec.toHost(), c.spec.toInterface());
            if (l == null || r == null) {
                continue;
            }
            List<Link> fwd = topo.route(l, r, 0);
            List<Link> rev = topo.route(r, l, 0);
            if (fwd == null || rev == null) {
                throw new ScenarioException(c.spec.loc(),
                        NoRoute.message(sc, l, r, c.spec.fromHost(), c.spec.toHost()), List.of());
            }
            long rtt = 0;
            for (Link x : fwd) {
                rtt += x.delayPs();
            }
            for (Link x : rev) {
                rtt += x.delayPs();
            }
            for (Link x : fwd) {
                minRtt[x.index] = Math.min(minRtt[x.index], rtt);
            }
            for (Link x : rev) {
                minRtt[x.index] = Math.min(minRtt[x.index], rtt);
            }
        }
        int wire = sc.kernel().getInt("sim.mtu", 1500) + sc.kernel().getInt("sim.l2_overhead_bytes", 0);
        bufferRtt = new long[topo.directions.size()];
        for (LinkSpec spec : sc.links()) {
            Link[] d = topo.byLinkId.get(spec.id());
            for (int i = 0; i < 2; i++) {
                Link l = d[i];
                long rtt = spec.rttPs() != null ? spec.rttPs()
                        : minRtt[l.index] != Long.MAX_VALUE ? minRtt[l.index] : 2 * l.delayPs();
                bufferRtt[l.index] = rtt;
                BuiltTopology.applyBuffer(l, (i == 0 ? spec.forward() : spec.reverse()).buffer(), rtt, wire);
            }
        }
        long jitter = Time.us(sc.kernel().getInt("sim.tx_jitter_us", 100));
        for (LinkSpec spec : sc.links()) {
            Link[] d = topo.byLinkId.get(spec.id());
            if (sc.node(spec.from()).isHost()) {
                d[0].setJitter(jitter);
            }
            if (sc.node(spec.to()).isHost()) {
                d[1].setJitter(jitter);
            }
        }
    }

    private void scheduleLinkEvent(LinkSpec l, LinkEvent e) {
        Link[] d = topo.byLinkId.get(l.id());
        loop.schedule(new Event() {
            @Override
            protected void onEvent(long now) {
                switch (e.action()) {
                    case DOWN -> {
                        d[0].setUp(false);
                        d[1].setUp(false);
                        notifyAddresses(l, false);
                    }
                    case UP -> {
                        d[0].setUp(true);
                        d[1].setUp(true);
                        notifyAddresses(l, true);
                    }
                    case RATE -> {
                        d[0].setRate(e.rateBps());
                        d[1].setRate(e.rateBps());
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }, e.atPs());
    }

    /** The scenario's connections and the child connections they spawned (flows transfers), parents first. */
    private List<ConnRun> withChildren() {
        List<ConnRun> all = new ArrayList<>();
        for (ConnRun c : conns) {
            all.add(c);
            all.addAll(c.children);
        }
        return all;
    }

    /** Tells the path managers of connections whose client owns an interface on this link. */
    private void notifyAddresses(LinkSpec l, boolean up) {
        for (ConnRun c : withChildren()) {
            if (c.meta == null) {
                continue;
            }
            for (Address a : topo.addresses.getOrDefault(c.spec.fromHost(), List.of())) {
                if (l.id().equals(a.iface())) {
                    if (up) {
                        c.meta.pathManager().onAddressAdded(c.pmContext, a);
                    } else {
                        c.meta.pathManager().onAddressRemoved(c.pmContext, a);
                    }
                }
            }
        }
    }

    /** Wraps the configured path manager: opens the scenario's explicit subflows when fully established. */
    private static final class ExplicitSubflows implements PathManager {
        private final PathManager inner;
        private final List<SubflowSpec> explicit;
        private final ScenarioRunner run;
        private final ConnRun conn;

        ExplicitSubflows(PathManager inner, List<SubflowSpec> explicit, ScenarioRunner run, ConnRun conn) {
            this.inner = inner;
            this.explicit = explicit;
            this.run = run;
            this.conn = conn;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void onNewSession(PmContext ctx) {
            inner.onNewSession(ctx);
        }

        @Override
        public void onFullyEstablished(PmContext ctx) {
            if (conn.finished) {
                return;
            }
            for (SubflowSpec s : explicit) {
                Address l = run.topo.address(s.fromHost(), s.fromInterface());
                Address r = run.topo.address(s.toHost(), s.toInterface());
                if (run.openSubflow(conn, l, r, l.backup()) == null) {
                    throw new ScenarioException(s.loc(),
                            NoRoute.message(run.sc, l, r, s.fromHost(), s.toHost()), List.of());
                }
            }
            inner.onFullyEstablished(ctx);
        }

        @Override
        public void onSubflowEstablished(PmContext ctx, Subflow s) {
            inner.onSubflowEstablished(ctx, s);
        }

        @Override
        public void onSubflowTimeout(PmContext ctx, Subflow s) {
            inner.onSubflowTimeout(ctx, s);
        }

        @Override
        public void onSubflowClosed(PmContext ctx, Subflow s, boolean timeout) {
            inner.onSubflowClosed(ctx, s, timeout);
        }

        @Override
        public void onAddressAdded(PmContext ctx, Address local) {
            inner.onAddressAdded(ctx, local);
        }

        @Override
        public void onAddressRemoved(PmContext ctx, Address local) {
            inner.onAddressRemoved(ctx, local);
        }
    }
}
