package org.mptcpsim.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.core.Time;
import org.mptcpsim.mptcp.Address;
import org.mptcpsim.sched.DefaultScheduler;
import org.mptcpsim.testnet.MiniNet;

/** ndiffports (mptcp_ndiffports.c): N subflows in total over the initial address pair. */
class NdiffportsPathManagerTest {

    private static MiniNet run(Map<String, String> params) {
        MiniNet n = new MiniNet();
        Address wifi = n.client("wifi", false);
        n.client("lte", false);
        Address e1 = n.server("e1");
        n.server("e2");
        n.path("wifi", "e1", 10_000_000L, Time.ms(10), 200);
        n.path("lte", "e1", 10_000_000L, Time.ms(10), 200);
        n.path("wifi", "e2", 10_000_000L, Time.ms(10), 200);
        n.start(-1, new DefaultScheduler(), new NdiffportsPathManager.Factory().create(params::get), wifi, e1);
        n.at(Time.ms(500), () -> n.down("lte"));
        n.loop.run(Time.s(2));
        return n;
    }

    @Test
    void defaultIsTwoSubflowsOnTheSameAddressPair() {
        MiniNet n = run(Map.of());
        // num_subflows = 2 in total: the initial one plus one; other addresses are never used
        assertEquals(List.of("wifi->e1", "wifi->e1"), n.created);
    }

    @Test
    void numSubflowsIsTheTotalAndAddressEventsAreIgnored() {
        MiniNet n = run(Map.of("mptcp_ndiffports.num_subflows", "5"));
        assertEquals(Collections.nCopies(5, "wifi->e1"), n.created);
        assertEquals(5, n.openSubflows()); // lte going down changed nothing
        for (int id = 0; id < 5; id++) {
            assertEquals(true, n.sentOn(id) > 0, "subflow " + id);
        }
        assertEquals(Map.of("mptcp_ndiffports.num_subflows", "2"), ModuleParam.defaults(new NdiffportsPathManager.Factory().parameters()));
    }
}
