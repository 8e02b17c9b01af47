package org.mptcpsim.pm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.sched.DefaultScheduler;
import org.mptcpsim.testnet.MiniNet;

/** The upstream in-kernel PM: endpoints and limits as `ip mptcp endpoint/limits` set them. */
class InKernelPathManagerTest {

    /** Client wifi (initial), lte, eth; server e1 (initial), e2; paths for every pair. */
    private static MiniNet run(String endpoints, String limits) {
        MiniNet n = new MiniNet();
        Address wifi = n.client("wifi", false);
        n.client("lte", false);
        n.client("eth", false);
        Address e1 = n.server("e1");
        n.server("e2");
        for (String c : List.of("wifi", "lte", "eth")) {
            for (String s : List.of("e1", "e2")) {
                n.path(c, s, 10_000_000L, Time.ms(10), 200);
            }
        }
        Map<String, String> p = limits == null ? Map.of("mptcp.endpoints", endpoints)
                : Map.of("mptcp.endpoints", endpoints, "mptcp.limits", limits);
        n.start(-1, new DefaultScheduler(), new InKernelPathManager.Factory().create(p::get), wifi, e1);
        n.loop.run(Time.s(1));
        return n;
    }

    @Test
    void subflowEndpointsToTheInitialRemoteWithBackupFlag() {
        // the initial subflow's own address (wifi) counts as used; lte and eth fit the default limit 2
        MiniNet n = run("wifi subflow; dev lte subflow backup; eth subflow", null);
        assertEquals(List.of("wifi->e1", "lte->e1 backup", "eth->e1"), n.created);
        assertEquals(0, n.sentOn(1)); // backup: no data while an active subflow works
    }

    @Test
    void subflowsLimitCapsTheExtraSubflows() {
        MiniNet n = run("lte subflow; eth subflow", "subflows 1");
        assertEquals(List.of("wifi->e1", "lte->e1"), n.created);
        MiniNet none = run("lte subflow; eth subflow", "subflows 0");
        assertEquals(List.of("wifi->e1"), none.created);
    }

    @Test
    void signalledAddressIsIgnoredUnlessAddAddrAcceptedAllowsIt() {
        // default add_addr_accepted = 0: the server's ADD_ADDR for e2 is not followed
        MiniNet n = run("server:e2 signal", null);
        assertEquals(List.of("wifi->e1"), n.created);
        // accepted: the client joins e2 from the initial local address (no fullmesh endpoint)
        MiniNet a = run("server:e2 signal", "subflows 2 add_addr_accepted 1");
        assertEquals(List.of("wifi->e1", "wifi->e2"), a.created);
    }

    @Test
    void fullmeshEndpointJoinsEveryKnownRemote() {
        // lte (fullmesh) first to e1 at establishment, then to e2 when its ADD_ADDR arrives; the
        // announced address is joined only from fullmesh endpoints
        MiniNet n = run("lte subflow fullmesh; server:e2 signal", "subflows 4 add_addr_accepted 1");
        assertEquals(List.of("wifi->e1", "lte->e1", "lte->e2"), n.created);
    }

    @Test
    void parsesLimitsAndRejectsBadEndpointsWithTheKnownFlags() {
        assertArrayEquals(new int[] {2, 0}, InKernelPathManager.parseLimits(""));
        assertArrayEquals(new int[] {3, 1}, InKernelPathManager.parseLimits("subflows 3 add_addr_accepted 1"));
        assertThrows(IllegalArgumentException.class, () -> InKernelPathManager.parseLimits("subflows 9"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("lte subflow bakup"));
        assertTrue(e.getMessage().contains("signal, subflow, backup, fullmesh"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("lte signal fullmesh"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("lte id 2 subflow; eth id 2 subflow"));
        List<Endpoint> eps = Endpoint.parse("dev wifi id 5 subflow; server:e2 signal backup");
        assertEquals(new Endpoint(null, "wifi", 5, false, true, false, false), eps.get(0));
        assertEquals(new Endpoint("server", "e2", 6, true, false, true, false), eps.get(1));
    }
}
