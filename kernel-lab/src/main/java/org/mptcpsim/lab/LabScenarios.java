package org.mptcpsim.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.SubflowSpec;
import org.mptcpsim.scenario.options.KernelOptions;

/**
 * The sim-vs-kernel regression scenarios: the files {@code scenarios/examples/lab/<name>.yaml} ({@link #load}) and the
 * same models built in code ({@link #get}, for mapper tests that derive variants; a test checks both agree). All use upstream MPTCP with the
 * default path manager and explicit subflows (= the lab's in-kernel {@code subflow} endpoints), 1500 B MTU and
 * {@code sim.l2_overhead_bytes: 14}, so simulator rates and buffers count the same 1514 B frames as tbf.
 */
public final class LabScenarios {
    private LabScenarios() {
    }

    /** Names of the regression scenarios, in suite order. */
    public static final List<String> NAMES = List.of("lab-two-paths-cubic", "lab-two-paths-reno", "lab-shared-cubic",
            "lab-mptcp-vs-tcp", "lab-four-subflows");

    /** {@link #NAMES} as a stream (JUnit method source). */
    public static java.util.stream.Stream<String> names() {
        return NAMES.stream();
    }

    /** The scenario file of {@code name}, found from the repository root or a module directory. */
    public static java.nio.file.Path file(String name) {
        for (String base : List.of("scenarios/examples/lab", "../scenarios/examples/lab")) {
            java.nio.file.Path p = java.nio.file.Path.of(base, name + ".yaml");
            if (java.nio.file.Files.isRegularFile(p)) return p;
        }
        throw new IllegalArgumentException("scenario file " + name + ".yaml not found under scenarios/examples/lab (run from the repository or a module)");
    }

    /** {@code name} loaded from its scenario file. */
    public static Scenario load(String name) {
        return org.mptcpsim.scenario.parse.ScenarioLoader.loadFile(file(name), List.of());
    }

    /** The scenario called {@code name} (one of {@link #NAMES}). */
    public static Scenario get(String name) {
        return switch (name) {
            case "lab-two-paths-cubic" -> twoPaths(name, "cubic");
            case "lab-two-paths-reno" -> twoPaths(name, "reno");
            case "lab-shared-cubic" -> shared(name, 16, 100_000, false);
            case "lab-mptcp-vs-tcp" -> shared(name, 12, 60 * 1514, true);
            case "lab-four-subflows" -> fourSubflows(name);
            default -> throw new IllegalArgumentException("unknown lab scenario " + name + "; known: " + NAMES);
        };
    }

    static final long MS = 1_000_000_000L;
    static final long S = 1_000 * MS;
    static final long DURATION = 15 * S;

    /** Separate paths: p1 8 Mbit/s 10 ms 50pkt, p2 12 Mbit/s 20 ms 1BDP (= 40 packets at RTT 40 ms). */
    static Scenario twoPaths(String name, String cc) {
        B b = new B(name, cc);
        b.host("client");
        b.host("server");
        b.link("p1", "client", "server", 8_000_000, 10 * MS, new BufferSpec(BufferSpec.Kind.PACKETS, 50, b.loc("paths[p1].buffer")));
        b.link("p2", "client", "server", 12_000_000, 20 * MS, new BufferSpec(BufferSpec.Kind.BDP, 1, b.loc("paths[p2].buffer")));
        b.iface("client", "p1", "p1");
        b.iface("client", "p2", "p2");
        b.iface("server", HostSpec.ANY, "p1", "p2");
        b.mptcp("m1", "client", List.of("p2"));
        return b.build();
    }

    /** Two access paths (10 / 20 ms one way, 1 Gbit/s) into one bottleneck rb → server. */
    static Scenario shared(String name, long mbit, long bufferBytes, boolean tcp) {
        B b = new B(name, "cubic");
        b.host("client");
        b.host("server");
        b.sw("rb");
        b.link("a1", "client", "rb", 1_000_000_000, 10 * MS, new BufferSpec(BufferSpec.Kind.PACKETS, 1000, b.loc("links[a1].buffer")));
        b.link("a2", "client", "rb", 1_000_000_000, 20 * MS, new BufferSpec(BufferSpec.Kind.PACKETS, 1000, b.loc("links[a2].buffer")));
        b.link("bn", "rb", "server", mbit * 1_000_000, 0, new BufferSpec(BufferSpec.Kind.BYTES, bufferBytes, b.loc("links[bn].buffer")));
        b.iface("client", "a1", "a1");
        b.iface("client", "a2", "a2");
        b.iface("server", "bn", "bn");
        b.mptcp("m1", "client", List.of("a2"));
        if (tcp) b.tcp("t1", "client", "a1");
        return b.build();
    }

    /** One path, 10 Mbit/s, 15 ms one way, 80pkt; four subflows (the initial one + 3 explicit, ndiffports-like). */
    static Scenario fourSubflows(String name) {
        B b = new B(name, "cubic");
        b.host("client");
        b.host("server");
        b.link("p1", "client", "server", 10_000_000, 15 * MS, new BufferSpec(BufferSpec.Kind.PACKETS, 80, b.loc("paths[p1].buffer")));
        b.iface("client", "p1", "p1");
        b.iface("server", HostSpec.ANY, "p1");
        b.mptcp("m1", "client", List.of("p1", "p1", "p1"));
        return b.build();
    }

    /** Effective kernel options: upstream, {@code cc}, default PM and scheduler, 14 B of Ethernet per frame. */
    public static KernelOptions kernel(String file, String cc) {
        Map<String, String> eff = new TreeMap<>();
        eff.put(KernelOptions.FLAVOUR, "upstream");
        eff.put(KernelOptions.CC, cc);
        eff.put(KernelOptions.PATH_MANAGER, "default");
        eff.put(KernelOptions.SCHEDULER, "default");
        eff.put("sim.mtu", "1500");
        eff.put("sim.header_bytes", "52");
        eff.put("sim.dss_bytes", "28");
        eff.put("sim.delayed_ack", "1");
        eff.put("sim.l2_overhead_bytes", "14");
        Map<String, String> exp = new LinkedHashMap<>();
        exp.put(KernelOptions.FLAVOUR, "upstream");
        exp.put(KernelOptions.CC, cc);
        exp.put("sim.l2_overhead_bytes", "14");
        Map<String, Loc> locs = new LinkedHashMap<>();
        for (String k : exp.keySet()) locs.put(k, Loc.of(file, "kernel." + k));
        return new KernelOptions(eff, exp, locs);
    }

    /** A tiny model builder. */
    private static final class B {
        final String name;
        final String file;
        final KernelOptions k;
        final List<NodeSpec> nodes = new ArrayList<>();
        final List<LinkSpec> links = new ArrayList<>();
        final Map<String, List<InterfaceSpec>> ifaces = new LinkedHashMap<>();
        final List<ConnectionSpec> conns = new ArrayList<>();

        B(String name, String cc) {
            this.name = name;
            this.file = "scenarios/examples/lab/" + name + ".yaml";
            this.k = kernel(file, cc);
        }

        Loc loc(String path) {
            return Loc.of(file, path);
        }

        void host(String id) {
            nodes.add(new NodeSpec(id, NodeSpec.Type.HOST, loc("nodes[" + id + "]")));
            ifaces.put(id, new ArrayList<>());
        }

        void sw(String id) {
            nodes.add(new NodeSpec(id, NodeSpec.Type.SWITCH, loc("nodes[" + id + "]")));
        }

        void link(String id, String from, String to, long rate, long delayPs, BufferSpec buf) {
            DirectionSpec d = new DirectionSpec(rate, delayPs, buf, 0, loc("links[" + id + "]"));
            links.add(new LinkSpec(id, from, to, d, d, null, List.of(), loc("links[" + id + "]")));
        }

        void iface(String host, String name, String... ls) {
            ifaces.get(host).add(new InterfaceSpec(name, List.of(ls), false, loc("hosts." + host + ".interfaces." + name)));
        }

        void mptcp(String id, String from, List<String> extra) {
            List<SubflowSpec> sfs = new ArrayList<>();
            for (String i : extra) sfs.add(new SubflowSpec(from, i, "server", null, loc("connections[" + id + "].subflows")));
            conns.add(new ConnectionSpec(id, ConnectionSpec.Type.MPTCP, from, null, "server", null, 0, ConnectionSpec.BULK, k, sfs,
                    loc("connections[" + id + "]")));
        }

        void tcp(String id, String from, String iface) {
            conns.add(new ConnectionSpec(id, ConnectionSpec.Type.TCP, from, iface, "server", null, 0, ConnectionSpec.BULK, k, List.of(),
                    loc("connections[" + id + "]")));
        }

        Scenario build() {
            Map<String, HostSpec> hosts = new LinkedHashMap<>();
            for (Map.Entry<String, List<InterfaceSpec>> e : ifaces.entrySet()) {
                hosts.put(e.getKey(), new HostSpec(e.getKey(), e.getValue(), loc("hosts." + e.getKey())));
            }
            return new Scenario(name, file, DURATION, 1, 100 * MS, k, nodes, links, hosts, List.of(), conns, null,
                    Map.of(), loc(""));
        }
    }
}
