package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PreflightTest {
    static final Preflight.HostFacts GOOD = new Preflight.HostFacts(true, true, "1", Set.of("reno", "cubic", "bbr"), Set.of());

    static LabSpec spec(String cc, long rate) {
        return LabSpec.twoPaths(rate, 10_000, rate, 20_000, 150_000, 10, cc);
    }

    @Test
    void acceptsAnUpstreamScenario() {
        assertEquals(List.of(), Preflight.refusals(spec("cubic", 10_000_000), Backend.HOST, GOOD, false));
    }

    @Test
    void refusesOutOfTreeCcOnTheHostWithAHint() {
        // the coupled controls of cc-algorithms declare flavour mptcp-v0.95 only; reno and cubic both
        assertEquals(java.util.Set.of("balia", "lia", "olia", "wvegas"), Preflight.OUT_OF_TREE_CC);
        List<String> r = Preflight.refusals(spec("olia", 10_000_000), Backend.HOST, GOOD, false);
        assertEquals(List.of("olia is not in upstream Linux; boot an out-of-tree multipath-tcp.org kernel image with --backend uml --kernel IMAGE (flavour: mptcp-v0.95)"), r);
        assertTrue(Preflight.refusals(spec("olia", 1_000_000), Backend.VM, GOOD, false).get(0).contains("--kernel IMAGE"));
        assertEquals(List.of(), Preflight.refusals(spec("olia", 1_000_000), Backend.VM, GOOD, true));
    }

    @Test
    void refusesUnknownCcListingTheAvailableOnes() {
        String r = Preflight.refusals(spec("vegas", 10_000_000), Backend.HOST, GOOD, false).get(0);
        assertEquals("vegas is not available in the host kernel (tcp_available_congestion_control = bbr cubic reno); "
                + "load its module (modprobe tcp_vegas) or choose one of those", r);
    }

    @Test
    void refusesRatesTheBackendCannotCarry() {
        assertTrue(Preflight.refusals(spec("cubic", 150_000_000), Backend.HOST, GOOD, false).get(0)
                .startsWith("total bottleneck rate 300.0 Mbit/s is above what the host backend carries faithfully (200 Mbit/s)"));
        assertTrue(Preflight.refusals(spec("cubic", 6_000_000), Backend.VM, GOOD, false).get(0)
                .contains("above what the vm backend carries faithfully (10 Mbit/s); QEMU TCG"));
    }

    @Test
    void refusesWithoutRootNetnsMptcpOrTools() {
        var f = new Preflight.HostFacts(false, false, "0", Set.of("reno", "cubic"), Set.of("iperf3", "mptcpize", "gcc"));
        List<String> r = Preflight.refusals(spec("cubic", 10_000_000), Backend.HOST, f, false);
        assertEquals(4, r.size(), r.toString());
        assertTrue(r.get(0).contains("needs root"));
        assertTrue(r.get(1).contains("no network namespaces"));
        assertEquals("MPTCP is disabled on this host (net.mptcp.enabled = 0); enable it with: sysctl -w net.mptcp.enabled=1", r.get(2));
        assertEquals("missing tools: gcc iperf3 mptcpize; install them with: apt-get install -y --no-install-recommends gcc iperf3 mptcpize libc6-dev", r.get(3));
        var noMptcp = new Preflight.HostFacts(true, true, null, Set.of("cubic"), Set.of());
        assertTrue(Preflight.refusals(spec("cubic", 10_000_000), Backend.HOST, noMptcp, false).get(0).contains("this kernel has no MPTCP"));
    }

    @Test
    void specRejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> new LabSpec("x", LabSpec.Topology.SHARED,
                List.of(new LabSpec.Path("p1", 1000, 1, null)), null, 10, "cubic", true, 0, 0.1, "abc"));
        assertThrows(IllegalArgumentException.class, () -> new LabSpec("x", LabSpec.Topology.SEPARATE,
                List.of(new LabSpec.Path("p1", 1000, 1, new LabSpec.Link("p1", 1_000_000, 15000))), null, 10, "cubic", true, 1, 0.1, "abc"));
        assertThrows(IllegalArgumentException.class, () -> new LabSpec("x", LabSpec.Topology.SEPARATE,
                List.of(new LabSpec.Path("p1", 1000, 1, new LabSpec.Link("p1", 1_000_000, 15000))), null, 10, "cubic", true, 0, 0.1, "Bad-Prefix"));
        assertEquals(10_000_000, LabUnits.rateBps("10Mbit"));
        assertEquals(20_000, LabUnits.micros("20ms"));
        assertEquals(150_000, LabUnits.bytes("150KB"));
    }

    @Test
    void envCarriesTheSpec() {
        var e = LabEnv.of(spec("cubic", 10_000_000), "tun", "/r", "/dl", "/t");
        assertEquals("separate", e.get("TOPO"));
        assertEquals("10000000 10000000", e.get("RATES"));
        assertEquals("10000 20000", e.get("OWD_US"));
        assertEquals("150000 150000", e.get("LIMITS"));
        assertEquals("1 1", e.get("SUBFLOWS"));
        assertEquals("0.100", e.get("SAMPLE_S"));
    }
}
