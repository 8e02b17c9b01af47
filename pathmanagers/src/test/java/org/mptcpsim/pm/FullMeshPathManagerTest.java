package org.mptcpsim.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.sched.DefaultScheduler;
import org.mptcpsim.testnet.MiniNet;

/** fullmesh (mptcp_fullmesh.c) on a small real network: 2 client interfaces x 2 server addresses. */
class FullMeshPathManagerTest {

    /** wifi, lte x e1, e2; every pair has a 10 Mbit/s path with 10 ms one-way delay. */
    private static MiniNet twoByTwo(Map<String, String> params, long sizeBytes) {
        MiniNet n = new MiniNet();
        Address wifi = n.client("wifi", false);
        n.client("lte", false);
        Address e1 = n.server("e1");
        n.server("e2");
        for (String c : List.of("wifi", "lte")) {
            for (String s : List.of("e1", "e2")) {
                n.path(c, s, 10_000_000L, Time.ms(10), 200);
            }
        }
        KernelParams p = params::get;
        n.start(sizeBytes, new DefaultScheduler(), new FullMeshPathManager.Factory().create(p), wifi, e1);
        return n;
    }

    @Test
    void oneSubflowPerAddressPairInKernelOrder() {
        MiniNet n = twoByTwo(Map.of(), -1);
        n.loop.run(Time.s(1));
        // initial wifi->e1; the worker then takes, for the first remote with an unused local slot,
        // its lowest slot: e1 has lte (slot 1) -> lte->e1; then e2: wifi (0), then lte (1).
        assertEquals(List.of("wifi->e1", "lte->e1", "wifi->e2", "lte->e2"), n.created);
        assertEquals(4, n.openSubflows());
        // every subflow carried data
        for (int id = 0; id < 4; id++) {
            assertTrue(n.sentOn(id) > 0, "subflow " + id);
        }
    }

    @Test
    void numSubflowsTwoGivesEightInKernelOrder() {
        MiniNet n = twoByTwo(Map.of("mptcp_fullmesh.num_subflows", "2"), -1);
        n.loop.run(Time.s(1));
        // first num_subflows - 1 = 1 extra on the initial pair, then each new pair twice in a row
        assertEquals(List.of("wifi->e1", "wifi->e1", "lte->e1", "lte->e1", "wifi->e2", "wifi->e2",
                "lte->e2", "lte->e2"), n.created);
    }

    @Test
    void removingAnAddressClosesExactlyItsSubflowsAfter500msAndReAddingRestoresThem() {
        MiniNet n = twoByTwo(Map.of(), -1);
        n.at(Time.s(1), () -> n.down("lte"));
        n.at(Time.s(3), () -> n.up("lte"));
        n.loop.run(Time.ms(1499));
        assertEquals(4, n.openSubflows()); // the address event waits 500 ms
        n.loop.run(Time.ms(1501));
        // lte's subflows are ids 1 (lte->e1) and 3 (lte->e2)
        assertEquals(List.of("1 address removed", "3 address removed"), n.closed);
        assertEquals(2, n.openSubflows());
        n.loop.run(Time.ms(3499));
        assertEquals(2, n.openSubflows());
        n.loop.run(Time.ms(3501));
        // lte takes the lowest free slot again; e1 then e2 get it
        assertEquals(List.of("wifi->e1", "lte->e1", "wifi->e2", "lte->e2", "lte->e1", "lte->e2"), n.created);
        assertEquals(4, n.openSubflows());
    }

    @Test
    void backupInterfaceGivesBackupSubflows() {
        MiniNet n = new MiniNet();
        Address wifi = n.client("wifi", false);
        n.client("lte", true);
        Address e1 = n.server("e1");
        n.path("wifi", "e1", 10_000_000L, Time.ms(10), 200);
        n.path("lte", "e1", 10_000_000L, Time.ms(10), 200);
        n.start(-1, new DefaultScheduler(), new FullMeshPathManager.Factory().create(KernelParams.DEFAULTS), wifi, e1);
        n.loop.run(Time.s(2));
        assertEquals(List.of("wifi->e1", "lte->e1 backup"), n.created);
        // the default scheduler keeps the backup idle while Wi-Fi works
        assertEquals(0, n.sentOn(1));
    }

    /** A pair whose path black-holes without any interface event: RTOs until tcp_retries2. */
    private static List<String> blackHole(String createOnErr) {
        MiniNet n = twoByTwo(Map.of("mptcp_fullmesh.create_on_err", createOnErr), 20_000_000);
        List<Long> closedAt = new ArrayList<>();
        n.at(Time.s(1), () -> n.blackHole("wifi", "e2"));
        n.loop.run(Time.s(1200));
        List<String> out = new ArrayList<>(n.created);
        out.add(String.join(",", n.closed));
        closedAt.add(n.closedAtPs.isEmpty() ? -1 : n.closedAtPs.get(0));
        // closed once retransmits_timed_out(15) = (2^10 - 1) x 200 ms + 6 x 120 s = 924.6 s passed since
        // the first retransmission (the first RTO after t = 1 s), at the next RTO; backoff is capped at 120 s
        long t = closedAt.get(0);
        assertTrue(t >= Time.ms(925_600) && t <= Time.ms(925_600 + 120_000), "closed at " + t);
        assertEquals(20_000_000, n.meta.bytesDelivered()); // its data was reinjected
        return out;
    }

    @Test
    void createOnErrReCreatesAPairThatTimedOut() {
        List<String> on = blackHole("1");
        // create_on_err = 1: the pair is re-created (subflow 4) into the same black hole; its SYN fails
        // after tcp_syn_retries = 6 retransmissions, 1 + 2 + ... + 64 = 127 s later (at most
        // 1045.6 + 127 = 1172.6 s < 1200 s), ETIMEDOUT again, and the pair is re-created once more
        // (subflow 5, still in SYN_SENT at 1200 s). SYN timeouts are TCP's now (the engine's), so
        // they apply to MP_JOIN SYNs as in the kernel
        assertEquals(List.of("wifi->e1", "lte->e1", "wifi->e2", "lte->e2", "wifi->e2", "wifi->e2",
                "2 ETIMEDOUT,4 ETIMEDOUT"), on);
        List<String> off = blackHole("0");
        assertEquals(List.of("wifi->e1", "lte->e1", "wifi->e2", "lte->e2", "2 ETIMEDOUT"), off);
    }
}
