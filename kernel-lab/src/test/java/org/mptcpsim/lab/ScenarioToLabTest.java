package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.options.KernelOptions;
import org.junit.jupiter.api.Test;

class ScenarioToLabTest {
    @Test
    void twoSeparatePathsWithPacketAndBdpBuffers() {
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-two-paths-cubic"), Backend.HOST, false);
        assertTrue(r.ok(), r.refusals().toString());
        LabSpec s = r.spec();
        assertEquals(LabSpec.Topology.SEPARATE, s.topology());
        assertEquals(2, s.paths().size());
        assertEquals(10_000, s.paths().get(0).owdUs());
        assertEquals(20_000, s.paths().get(1).owdUs());
        assertEquals(50 * 1514, s.paths().get(0).link().bufferBytes());
        // 1BDP of 12 Mbit/s x 40 ms = 60000 B = 39.6 -> 40 packets of 1514 B
        assertEquals(40 * 1514, s.paths().get(1).link().bufferBytes());
        assertEquals(12_000_000, s.paths().get(1).link().rateBps());
        assertEquals("cubic", s.cc());
        assertTrue(s.mptcp());
        assertEquals(15.0, s.durationS());
        assertEquals(0.1, s.sampleIntervalS(), 1e-12);
    }

    @Test
    void bdpBufferIsTheSimulatorsOwnPacketCount(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // path 2 = access a2 (10 ms) + bottleneck b2 (12 Mbit/s, 5 ms, 1BDP); the initial subflow leaves over a1, so no
        // initial subflow crosses b2 and ScenarioRunner.resolveBuffers sizes it with 2 x its delay = 10 ms:
        // 12e6 / 8 x 0.010 = 15000 B / 1514 B = 9.9 -> 10 packets -> tbf limit 10 x 1514 = 15140 B
        // (the lab's former own rule took path 2's whole RTT, 30 ms: 30 packets, 45420 B, not what the simulator queues)
        java.nio.file.Path f = dir.resolve("bdp.yaml");
        java.nio.file.Files.writeString(f, String.join("\n", "name: bdp", "duration: 5s",
                "kernel: {flavour: upstream, net.mptcp.mptcp_path_manager: kernel, mptcp.endpoints: \"a2 subflow\", sim.l2_overhead_bytes: 14}",
                "nodes:", "  - {id: client, type: host}", "  - {id: server, type: host}", "  - {id: r1, type: switch}", "  - {id: r2, type: switch}",
                "links:",
                "  - {id: a1, from: client, to: r1, rate: 1Gbit, delay: 10ms, buffer: 1000pkt}",
                "  - {id: a2, from: client, to: r2, rate: 1Gbit, delay: 10ms, buffer: 1000pkt}",
                "  - {id: b1, from: r1, to: server, rate: 8Mbit, delay: 5ms, buffer: 50pkt, qdisc: tbf}",
                "  - {id: b2, from: r2, to: server, rate: 12Mbit, delay: 5ms, buffer: 1BDP, qdisc: tbf}",
                "connections:", "  - {id: m1, type: mptcp, from: client, to: server}", ""));
        Scenario sc = org.mptcpsim.scenario.parse.ScenarioLoader.loadFile(f, List.of());
        ScenarioToLab.Result r = ScenarioToLab.map(sc, Backend.HOST, false);
        assertTrue(r.ok(), r.refusals().toString());
        assertEquals(LabSpec.Topology.SEPARATE, r.spec().topology());
        assertEquals("b2", r.spec().paths().get(1).link().id());
        assertEquals(10 * 1514, r.spec().paths().get(1).link().bufferBytes());
        assertEquals(10, new org.mptcpsim.scenario.run.ScenarioRunner(sc).bufferPackets("b2", true), "the simulator's own queue");
        assertTrue(r.notes().contains("link b2: buffer 1.0BDP = 10 packets (RTT 10.0 ms) = tbf limit 15140 B"), r.notes().toString());
    }

    /**
     * Two separate paths (a1 > r1 > b1 8 Mbit/s, a2 > r2 > b2 12 Mbit/s, each 10 + 5 ms) and a detour from r1,
     * d1 (20 ms) > r3 > d2 (6 Mbit/s, 5 ms), that an explicit route sends client:a1's traffic over.
     */
    static final String DETOUR = String.join("\n", "name: detour", "duration: 2s",
            "kernel: {flavour: upstream, net.mptcp.mptcp_path_manager: kernel, mptcp.endpoints: \"a2 subflow\", sim.l2_overhead_bytes: 14}",
            "nodes:", "  - {id: client, type: host}", "  - {id: server, type: host}",
            "  - {id: r1, type: switch}", "  - {id: r2, type: switch}", "  - {id: r3, type: switch}",
            "links:",
            "  - {id: a1, from: client, to: r1, rate: 1Gbit, delay: 10ms, buffer: 1000pkt}",
            "  - {id: a2, from: client, to: r2, rate: 1Gbit, delay: 10ms, buffer: 1000pkt}",
            "  - {id: b1, from: r1, to: server, rate: 8Mbit, delay: 5ms, buffer: 50pkt, qdisc: tbf}",
            "  - {id: b2, from: r2, to: server, rate: 12Mbit, delay: 5ms, buffer: 50pkt, qdisc: tbf}",
            "  - {id: d1, from: r1, to: r3, rate: 1Gbit, delay: 20ms, buffer: 1000pkt}",
            "  - {id: d2, from: r3, to: server, rate: 6Mbit, delay: 5ms, buffer: 50pkt, qdisc: tbf}",
            "ROUTES",
            "connections:", "  - {id: m1, type: mptcp, from: client, to: server}", "");

    @Test
    void theLabMapsTheSimulatorsExplicitRoute(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        Scenario sc = new org.mptcpsim.scenario.parse.ScenarioLoader().parse("detour.yaml",
                DETOUR.replace("ROUTES", "routes: [{from: client:a1, to: server, via: [a1, d1, d2]}]"), List.of());
        ScenarioToLab.Result r = ScenarioToLab.map(sc, Backend.HOST, false);
        assertTrue(r.ok(), r.refusals().toString());
        // the path over a1 is the route's: one-way delay 10 + 20 + 5 = 35 ms, bottleneck d2 (6 Mbit/s); a2 keeps its
        // shortest route a2 > b2, 10 + 5 = 15 ms, 12 Mbit/s
        assertEquals(35_000, r.spec().paths().get(0).owdUs());
        assertEquals("d2", r.spec().paths().get(0).link().id());
        assertEquals(6_000_000, r.spec().paths().get(0).link().rateBps());
        assertEquals(15_000, r.spec().paths().get(1).owdUs());
        assertEquals("b2", r.spec().paths().get(1).link().id());
        // and the simulator's run takes the same links for both subflows (the in-kernel PM's join from a2)
        org.mptcpsim.scenario.run.RunResult run = new org.mptcpsim.scenario.run.ScenarioRunner(sc)
                .run(dir.resolve("run"), org.mptcpsim.scenario.run.ScenarioRunner.Progress.NONE);
        assertEquals(List.of("a1", "d1", "d2"), run.connection("m1").subflows().get(0).path());
        assertEquals(List.of("a2", "b2"), run.connection("m1").subflows().get(1).path());
        // without the route, the lab (and the simulator) take the shortest a1 > b1: 15 ms, 8 Mbit/s
        ScenarioToLab.Result plain = ScenarioToLab.map(new org.mptcpsim.scenario.parse.ScenarioLoader().parse("detour.yaml",
                DETOUR.replace("ROUTES", ""), List.of()), Backend.HOST, false);
        assertEquals(15_000, plain.spec().paths().get(0).owdUs());
        assertEquals("b1", plain.spec().paths().get(0).link().id());
    }

    @Test
    void tbfBottleneckIsLikeForLikeAndDropTailGetsANote() {
        // the lab always builds tbf: qdisc: tbf maps silently, droptail maps to the same limit with a note
        ScenarioToLab.Result tbf = ScenarioToLab.map(LabScenarios.load("lab-two-paths-cubic"), Backend.HOST, false);
        assertTrue(tbf.notes().stream().noneMatch(n -> n.contains("qdisc")), tbf.notes().toString());
        ScenarioToLab.Result drop = ScenarioToLab.map(LabScenarios.load("lab-two-paths-cubic", "paths.p2.qdisc=droptail"),
                Backend.HOST, false);
        assertTrue(drop.ok(), drop.refusals().toString());
        assertEquals(tbf.spec().paths().get(1).link().bufferBytes(), drop.spec().paths().get(1).link().bufferBytes());
        assertEquals(1, drop.notes().stream().filter(n -> n.startsWith("link p2: qdisc droptail")).count(), drop.notes().toString());
    }

    @Test
    void sharedBottleneckWithCompetingTcp() {
        LabSpec s = ScenarioToLab.map(LabScenarios.load("lab-mptcp-vs-tcp"), Backend.HOST, false).spec();
        assertEquals(LabSpec.Topology.SHARED, s.topology());
        assertEquals(1, s.competingTcp());
        assertEquals(12_000_000, s.shared().rateBps());
        assertEquals(60 * 1514, s.shared().bufferBytes());
        assertNull(s.paths().get(0).link());
        assertEquals(20_000, s.paths().get(1).owdUs());
    }

    @Test
    void competingTcpFromAnotherHostGetsItsOwnNamespace() {
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-other-host"), Backend.HOST, false);
        assertTrue(r.ok(), r.refusals().toString());
        LabSpec s = r.spec();
        assertEquals(LabSpec.Topology.SHARED, s.topology());
        assertEquals(0, s.competingTcp());
        // the other host's access link a3 names its path in the outputs; every flow keeps the scenario's id
        assertEquals(List.of(new LabSpec.OtherHost("tcpsrc", 15_000, null, "a3")), s.competingHosts());
        assertEquals(List.of("m1", "t1"), s.flowIds());
        assertEquals(1, s.competingFlows());
        assertEquals(90_840, s.shared().bufferBytes());
        Map<String, String> env = LabEnv.of(s, "tun", "/tmp/raw", "dl", "/sys/kernel/tracing");
        assertEquals("1", env.get("NCOMPETE"));
        assertEquals("15000", env.get("XOWD_US"));
        assertEquals("2", env.get("NPATHS"));
    }

    @Test
    void twoEqualLinksInTandemBecomeThePathsOwnTbfInFrontOfTheSharedOne() {
        // t0: a0 -> L1 -> L2 (10 Mbit/s each), t2 from s2 joins at L2: L2 is the shared bottleneck, L1 the client path's own
        // limit on its router. Buffers: 1BDP of L1 = 10e6 / 8 x 24 ms = 30000 B / 1514 = 19.8 -> 20 frames = 30280 B (only
        // t0 crosses it, base RTT 2 x (1 + 5 + 6) ms); L2 is sized with the shorter loop that crosses it, t2's 14 ms:
        // 17500 B / 1514 = 11.6 -> 12 frames = 18168 B (the simulator's own counts, ScenarioRunner.resolveBuffers)
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-tandem-equal-rate"), Backend.HOST, false);
        assertTrue(r.ok(), r.refusals().toString());
        LabSpec s = r.spec();
        assertEquals(LabSpec.Topology.SHARED, s.topology());
        assertEquals(new LabSpec.Link("L1", 10_000_000, 30_280), s.paths().get(0).link());
        assertEquals(new LabSpec.Link("L2", 10_000_000, 18_168), s.shared());
        assertEquals(12_000, s.paths().get(0).owdUs(), "a0 + L1 + L2, applied before L1's tbf");
        assertEquals(List.of(new LabSpec.OtherHost("s2", 7_000, null, "a2")), s.competingHosts(), "a2 + L2: 1 + 6 ms");
        assertEquals(List.of("L1", "L2"), s.bottlenecks().stream().map(LabSpec.Link::id).toList(), "queue order: the path's own, then the shared");
        assertEquals(10_000_000, s.totalRateBps(), "L2 carries all the lab's traffic");
        Map<String, String> env = LabEnv.of(s, "tun", "/tmp/raw", "dl", "/sys/kernel/tracing");
        assertEquals("10000000", env.get("URATES"));
        assertEquals("30280", env.get("ULIMITS"));
        // without a tandem lab.sh gets no URATES, as before
        assertNull(LabEnv.of(ScenarioToLab.map(LabScenarios.load("lab-other-host"), Backend.HOST, false).spec(), "tun", "", "", "").get("URATES"));
    }

    @Test
    void refusesATandemTheLabCannotBuild(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // the other host's flow crosses L1 as well: L1 would be shared, but the lab shapes it on the client's router
        ScenarioToLab.Result viaL1 = ScenarioToLab.map(LabScenarios.load("lab-tandem-equal-rate", "links.a2.from=s2", "links.a2.to=r1"),
                Backend.HOST, false);
        assertFalse(viaL1.ok());
        assertTrue(viaL1.refusals().toString().contains("limits its rate besides the shared bottleneck"), viaL1.refusals().toString());
        // without the other host: one flow through two limits is no tandem into a shared queue
        java.nio.file.Path f = dir.resolve("alone.yaml");
        java.nio.file.Files.writeString(f, java.nio.file.Files.readString(LabScenarios.file("lab-tandem-equal-rate")).replaceAll("(?m)^.*id: t2,.*$", ""));
        ScenarioToLab.Result alone = ScenarioToLab.map(org.mptcpsim.scenario.parse.ScenarioLoader.loadFile(f, List.of()), Backend.HOST, false);
        assertFalse(alone.ok());
        assertTrue(alone.refusals().toString().contains("has two rate limits (L1 10.0 Mbit/s and L2 10.0 Mbit/s)"), alone.refusals().toString());
        // three limits on one path
        ScenarioToLab.Result three = ScenarioToLab.map(LabScenarios.load("lab-tandem-equal-rate", "links.a0.rate=10Mbit"), Backend.HOST, false);
        assertFalse(three.ok());
        assertTrue(three.refusals().toString().contains("has 3 rate limits (a0 10.0 Mbit/s, L1 10.0 Mbit/s, L2 10.0 Mbit/s)"), three.refusals().toString());
    }

    @Test
    void sharedBottleneckExampleMapsItsTcpSourceWithItsOwnCongestionControl() {
        // tcpsrc -> r1 -> bottleneck -> r2 -> server meets the MPTCP paths at `bottleneck`: mapped as another host,
        // running t1's own CC (reno) while the MPTCP connection runs cubic
        ScenarioToLab.Result r = ScenarioToLab.map(org.mptcpsim.scenario.parse.ScenarioLoader.loadFile(
                LabScenarios.file("lab-two-paths-cubic").resolveSibling("../shared-bottleneck.yaml").normalize(),
                List.of("flavour=upstream", "net.ipv4.tcp_congestion_control=cubic")), Backend.HOST, false);
        assertTrue(r.ok(), String.join("\n", r.refusals()));
        LabSpec spec = r.spec();
        assertEquals("cubic", spec.cc());
        assertEquals(1, spec.competingHosts().size());
        assertEquals("reno", spec.competingHosts().get(0).cc());
        assertEquals("reno", spec.flowCc(spec.competingTcp() + 1));
        assertEquals(List.of("cubic", "reno"), spec.allCcs());
        assertEquals("reno", LabEnv.of(spec, "tun", "", "", "").get("XCC"));
    }

    @Test
    void aFlowFromTheMptcpClientMustShareItsCongestionControl() {
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-mptcp-vs-tcp",
                "connections.t1.kernel.net.ipv4.tcp_congestion_control=reno"), Backend.HOST, false);
        assertFalse(r.ok());
        assertTrue(String.join("\n", r.refusals()).contains("connections from the MPTCP client must use its congestion control"),
                r.refusals().toString());
    }

    @Test
    void refusesCompetingTcpTheLabCannotBuildAndSaysWhatIsSupported() {
        // to another host than the MPTCP server
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-other-host", "connections.t1.to=client"), Backend.HOST, false);
        assertFalse(r.ok());
        assertTrue(r.refusals().stream().anyMatch(x -> x.contains("competing TCP connection t1 (tcpsrc -> client)")
                && x.contains(ScenarioToLab.COMPETING_SUPPORTED)), r.refusals().toString());
        // separate bottlenecks: no shared queue to meet
        ScenarioToLab.Result sep = ScenarioToLab.map(LabScenarios.load("lab-other-host", "links.bn.rate=1Gbit", "links.a1.rate=4Mbit",
                "links.a2.rate=6Mbit"), Backend.HOST, false);
        assertFalse(sep.ok());
        assertTrue(sep.refusals().toString().contains("need every path through one shared bottleneck"), sep.refusals().toString());
    }

    @Test
    void kernelPathManagerEndpointsBecomePaths() {
        LabSpec s = ScenarioToLab.map(LabScenarios.load("lab-two-paths-reno", "mptcp.limits=subflows 0 add_addr_accepted 0"), Backend.HOST, false).spec();
        assertEquals(1, s.paths().size(), "limits subflows 0: no endpoint subflow, as the simulator's kernel PM");
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-two-paths-reno", "mptcp.endpoints=p2 subflow backup"), Backend.HOST, false);
        assertFalse(r.ok());
        assertTrue(r.refusals().get(0).contains("backup endpoint"), r.refusals().toString());
    }

    @Test
    void fourSubflowsOverOnePath() {
        LabSpec s = ScenarioToLab.map(LabScenarios.load("lab-four-subflows"), Backend.HOST, false).spec();
        assertEquals(1, s.paths().size());
        assertEquals(4, s.paths().get(0).subflows());
    }

    @Test
    void refusesWirelessLinkModels() {
        // a Gilbert-Elliott direction has loss 0, so the random-loss refusal alone would let it through
        for (String set : List.of("paths.p1.loss={model: gilbert, p: 0.01}", "paths.p1.jitter=2ms")) {
            ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-two-paths-cubic", set), Backend.HOST, false);
            assertFalse(r.ok(), set);
            assertTrue(String.join("\n", r.refusals()).contains("link p1: wireless link models (trace, Gilbert-Elliott loss,"
                    + " jitter) are not supported by the lab"), r.refusals().toString());
        }
    }

    @Test
    void refusesOliaLossSchedulesAndVmRates() {
        Scenario base = LabScenarios.load("lab-two-paths-cubic");
        Map<String, String> eff = new TreeMap<>(base.kernel().effective());
        eff.put(KernelOptions.FLAVOUR, "mptcp-v0.95");
        eff.put(KernelOptions.CC, "olia");
        Map<String, String> exp = new LinkedHashMap<>(base.kernel().explicit());
        exp.put(KernelOptions.CC, "olia");
        exp.put("net.ipv4.tcp_rmem", "4096 131072 6291456");
        KernelOptions k = new KernelOptions(eff, exp, Map.of(KernelOptions.CC, new Loc("x.yaml", 7, 3, "kernel.net.ipv4.tcp_congestion_control")));
        List<LinkSpec> links = new ArrayList<>();
        for (LinkSpec l : base.links()) {
            DirectionSpec f = l.forward();
            DirectionSpec lossy = new DirectionSpec(f.rateBps(), f.delayPs(), f.buffer(), 0.01, new Loc("x.yaml", 12, 5, "paths[" + l.id() + "].loss"));
            links.add(new LinkSpec(l.id(), l.from(), l.to(), lossy, lossy, null,
                    List.of(new LinkEvent(5_000_000_000_000L, LinkEvent.Action.DOWN, -1, new Loc("x.yaml", 13, 7, "links[" + l.id() + "].schedule[0]"))), l.loc()));
        }
        List<ConnectionSpec> conns = new ArrayList<>();
        for (ConnectionSpec c : base.connections()) {
            conns.add(new ConnectionSpec(c.id(), c.type(), c.fromHost(), c.fromInterface(), c.toHost(), c.toInterface(), c.startPs(), c.sizeBytes(), k, c.subflows(), c.loc()));
        }
        Scenario sc = new Scenario(base.name(), base.sourceFile(), base.durationPs(), 1, base.samplePs(), k, base.nodes(), links,
                new LinkedHashMap<>(base.hosts()), List.of(), conns, null, Map.of(), base.loc());
        ScenarioToLab.Result r = ScenarioToLab.map(sc, Backend.HOST, false);
        assertFalse(r.ok());
        String all = String.join("\n", r.refusals());
        assertTrue(all.contains("x.yaml:7:3: kernel.net.ipv4.tcp_congestion_control: olia is not in upstream Linux; boot an out-of-tree"), all);
        assertTrue(all.contains("flavour mptcp-v0.95"), all);
        assertTrue(all.contains("x.yaml:12:5: paths[p1].loss: link p1: random loss is not supported"), all);
        assertTrue(all.contains("x.yaml:13:7: links[p1].schedule[0]: link p1: link schedules"), all);
        assertTrue(all.contains("net.ipv4.tcp_rmem = 4096 131072 6291456 is not applied by the lab"), all);

        ScenarioToLab.Result vm = ScenarioToLab.map(base, Backend.VM, false);
        assertFalse(vm.ok());
        assertTrue(vm.refusals().get(0).contains("total bottleneck rate 20.0 Mbit/s is above what the vm backend reproduces faithfully (10.0 Mbit/s)"),
                vm.refusals().toString());
    }

    /**
     * base.yaml of the QA pass, a short-form scenario with no flavour: the refusal said
     * "base.yaml:8:3: connections[m1].kernel.flavour", but line 8 is a path and the file has no connections.
     */
    @Test
    void aDefaultOptionOfTheShortFormIsNamedAsInTheFile() {
        Scenario sc = new org.mptcpsim.scenario.parse.ScenarioLoader().parse("base.yaml", String.join("\n",
                "name: base", "duration: 2s", "paths:", "  - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP}",
                "  - {id: lte,  rate: 10Mbit, delay: 30ms, buffer: 1BDP}", ""), List.of());
        ScenarioToLab.Result r = ScenarioToLab.map(sc, Backend.HOST, false);
        String all = String.join("\n", r.refusals());
        assertTrue(all.contains("base.yaml: kernel.flavour (not set; connection m1 is implied by the short form's"
                + " paths:): flavour mptcp-v0.95 (the default) models"), all);
        assertFalse(all.contains("connections[m1]"), all);
    }
}
