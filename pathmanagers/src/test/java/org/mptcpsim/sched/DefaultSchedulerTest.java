package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.testnet.HandBuilt;

/**
 * The kernel default scheduler's defining choices ({@code net/mptcp/mptcp_sched.c}
 * {@code get_available_subflow}), on hand-built subflows.
 */
class DefaultSchedulerTest {

    @Test
    void prefersTheLowerRttAndTheNewestOnTies() {
        HandBuilt h = new HandBuilt(new DefaultScheduler());
        Subflow slow = h.subflow(50, 10, false);
        Subflow fast = h.subflow(10, 10, false);
        assertSame(fast, h.next());
        fast.sk.srttUs = 8 * 60_000; // now 60 ms > 50 ms
        assertSame(slow, h.next());
        fast.sk.srttUs = slow.sk.srttUs; // tie: strict < keeps the first in kernel order = newest
        assertSame(fast, h.next());
    }

    @Test
    void backupCarriesDataOnlyWhenNoActiveSubflowCanEver() {
        HandBuilt h = new HandBuilt(new DefaultScheduler());
        Subflow wifi = h.subflow(50, 10, false);
        h.subflow(5, 10, true); // faster, but backup
        assertSame(wifi, h.next());
        // Wi-Fi cwnd-limited: the kernel waits for it rather than use the backup
        wifi.sk.packetsOut = 10;
        assertNull(h.next());
        // Wi-Fi potentially failed (after an RTO): definitely unavailable -> the backup takes the data
        wifi.sk.pf = true;
        Subflow chosen = h.next();
        assertSame(h.meta.subflowsById().get(1), chosen);
    }
}
