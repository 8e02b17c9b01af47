package org.mptcpsim.scenario.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.scenario.TestPlugins;

class OptionRegistryTest {

    static final OptionRegistry R = TestPlugins.REGISTRY;

    @Test
    void kernelDefaults() {
        KernelOptions d = R.defaults(Flavour.MPTCP_V095);
        assertEquals("cubic", d.congestionControl());
        assertEquals("default", d.pathManager());
        assertEquals("default", d.scheduler());
        assertEquals(Flavour.MPTCP_V095, d.flavour());
        assertTrue(d.checksum());
        assertEquals(1, d.intValue("net.mptcp.mptcp_enabled"));
        assertEquals(3, d.intValue("net.mptcp.mptcp_syn_retries"));
        assertEquals(0, d.intValue("net.mptcp.mptcp_version"));
        assertEquals(1, d.intValue("mptcp_fullmesh.num_subflows"));
        assertEquals(2, d.intValue("mptcp_ndiffports.num_subflows"));
        assertEquals(10, d.intValue("mptcp_wvegas.total_alpha"));
        assertEquals("Y", d.get("mptcp_rr.cwnd_limited"));
        assertEquals(1, d.getInt("mptcp_rr.cwnd_limited", 0));
        assertEquals(12, d.intValue("mptcp_blest.lambda"));
        assertEquals(40, d.intValue("mptcp_blest.dyn_lambda_bad"));
        assertEquals(717, d.intValue("tcp_cubic.beta"));
        assertEquals(41, d.intValue("tcp_cubic.bic_scale"));
        assertEquals(2000, d.intValue("tcp_cubic.hystart_ack_delta_us"));
        assertEquals(16, d.intValue("tcp_cubic.hystart_low_window"));
        assertEquals(6291456L, d.triple("net.ipv4.tcp_rmem")[2]);
        assertEquals(16384L, d.triple("net.ipv4.tcp_wmem")[1]);
        assertEquals(1500, d.mtu());
        assertTrue(d.delayedAck());
        assertEquals(52, d.headerBytes());
        assertEquals(0, d.l2OverheadBytes());
        // out-of-tree v0.95: MPTCP_SUB_LEN_DSM_ALIGN = DSS header 4 + 32-bit data ACK 4 + 32-bit mapping with the
        // checksum's room 12 = 20; the kernel-refs' subflows report mss 1428 = 1448 - 20 (oot-v0.95.2 README)
        assertEquals(20, d.dssBytes());
        assertNull(d.get("no.such.option"));
    }

    @Test
    void upstreamTurnsChecksumOff() {
        assertFalse(R.defaults(Flavour.UPSTREAM).checksum());
        KernelOptions k = R.resolve(null, Map.of("flavour", new OptionRegistry.Setting("upstream", null)));
        assertFalse(k.checksum());
        assertEquals(Map.of("flavour", "upstream"), k.explicit());
    }

    @Test
    void upstreamDssTakesTheBytesTheHostKernelsBulkSenderUses() {
        // upstream's DSS on a bulk sender's data: 4 bytes of kind/length/subtype/flags + a 32-bit data ACK (4) + a
        // 64-bit mapping (DSN 8, subflow sequence 4, data-level length 2) = 22, padded to 24: 1448 - 24 = 1424 bytes of
        // payload, as a kernel --pcap capture of the 6.18 host kernel shows (docs/kernel-lab.md F5)
        assertEquals(24, R.defaults(Flavour.UPSTREAM).dssBytes());
        assertEquals(20, R.defaults(Flavour.MPTCP_V095).dssBytes());
    }

    @Test
    void effectiveMapIsSortedAndComplete() {
        KernelOptions d = R.defaults(Flavour.MPTCP_V095);
        List<String> names = List.copyOf(d.effective().keySet());
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(R.options().keySet(), d.effective().keySet());
    }

    @Test
    void pluginParametersBecomeOptions() {
        OptionDef gain = R.option("tcp_testcc.gain");
        assertEquals("3", gain.defaultValue());
        assertEquals("plugin:testcc", gain.origin());
        assertEquals("12", R.normalize("tcp_testcc.gain", " 12 "));
        assertThrows(BadOptionException.class, () -> R.normalize("tcp_testcc.gain", "x"));
        assertEquals("slow", R.normalize("tcp_testcc.mode", "slow"));
        // a parameter keeps the type and range its plug-in declares: wvegas's total_alpha is an integer >= 0
        assertEquals("plugin:wvegas", R.option("mptcp_wvegas.total_alpha").origin());
        assertThrows(BadOptionException.class, () -> R.normalize("mptcp_wvegas.total_alpha", "-1"));
    }

    @Test
    void normalizes() {
        assertEquals("0", R.normalize("net.ipv4.tcp_sack", "false"));
        assertEquals("N", R.normalize("mptcp_rr.cwnd_limited", "0"));
        assertEquals("false", R.normalize("sim.delayed_ack", "no"));
        assertEquals("4096 87380 6291456", R.normalize("net.ipv4.tcp_rmem", " 4096  87380 6291456"));
        assertThrows(BadOptionException.class, () -> R.normalize("net.ipv4.tcp_rmem", "10 5 20"));
        assertThrows(BadOptionException.class, () -> R.normalize("sim.mtu", "20"));
    }

    /**
     * Linux's tcp_rmem/tcp_wmem handler takes each value in 1..INT_MAX (2^31 - 1 = 2147483647); "0 0 0" (a
     * 0-byte window) and a max of 99999999999999 were accepted.
     */
    @Test
    void bufferTriplesAreEachOneToIntMax() {
        for (String name : new String[] {"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"}) {
            BadOptionException zero = assertThrows(BadOptionException.class, () -> R.normalize(name, "0 0 0"));
            assertTrue(zero.getMessage().contains("0 is out of range; each value is 1..2147483647"), zero.getMessage());
            BadOptionException big = assertThrows(BadOptionException.class,
                    () -> R.normalize(name, "4096 131072 99999999999999"));
            assertTrue(big.getMessage().contains("99999999999999 is out of range; each value is 1..2147483647"),
                    big.getMessage());
            assertEquals("1 1 2147483647", R.normalize(name, "1 1 2147483647"));   // both ends allowed
        }
    }

    @Test
    void unknownNamesAndValues() {
        BadOptionException e = assertThrows(BadOptionException.class, () -> R.normalize("mptcp_ndifports.num_subflows", "1"));
        assertTrue(e.getMessage().contains("did you mean mptcp_ndiffports.num_subflows?"), e.getMessage());
        BadOptionException s = assertThrows(BadOptionException.class,
                () -> R.normalize("net.mptcp.mptcp_scheduler", "rr"));
        assertEquals(List.of("blest", "default", "redundant", "roundrobin"), s.allowed());
        BadOptionException p = assertThrows(BadOptionException.class,
                () -> R.normalize("net.mptcp.mptcp_path_manager", "fullmsh"));
        assertTrue(p.getMessage().contains("did you mean fullmesh?"), p.getMessage());
    }

    @Test
    void serviceLoaderFindsRegisteredFactories() {
        OptionRegistry std = OptionRegistry.standard();
        assertTrue(std.plugins().names(Plugins.Kind.CONGESTION_CONTROL).contains("svc-test"));
        assertEquals("7", std.option("tcp_svc_test.knob").defaultValue());
        assertEquals("svc-test", std.normalize(KernelOptions.CC, "svc-test"));
        assertTrue(std.plugins().congestionControl(Flavour.MPTCP_V095, "svc-test") != null);
        // it declares the out-of-tree flavour only
        assertTrue(std.plugins().congestionControl(Flavour.UPSTREAM, "svc-test") == null);
    }

    @Test
    void names() {
        assertEquals(1, Names.distance("rat", "rate"));
        assertEquals(List.of("rate", "rtt"), Names.closest("rat", List.of("id", "rate", "rtt", "delay"), 3));
        assertEquals(List.of("net.ipv4.tcp_congestion_control"),
                Names.closest("tcp_congestion_control", R.options().keySet(), 3));
    }
}
