package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.testnet.HandBuilt;

/**
 * redundant ({@code net/mptcp/mptcp_redundant.c redundant_next_segment}) on hand-built subflows:
 * data goes into a black hole.
 */
class RedundantSchedulerTest {

    /** The dsns of the segments subflow {@code s} has outstanding, oldest first. */
    private static List<Long> carried(Subflow s) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < s.unackedCount(); i++) {
            out.add(s.unackedDsn(i));
        }
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long d = from; d < to; d++) {
            out.add(d);
        }
        return out;
    }

    @Test
    void everyActiveSubflowCarriesEverySegment() {
        HandBuilt h = new HandBuilt(new RedundantScheduler());
        Subflow a = h.subflow(10, 10, false);
        Subflow b = h.subflow(50, 10, false);
        h.establish(1000);
        h.meta.push();
        // each subflow is offered the segment after its last one; cwnd 10 each -> both carry 0..9
        assertEquals(range(0, 10), carried(a));
        assertEquals(range(0, 10), carried(b));
        // 10 new segments, 10 copies counted as meta-level retransmissions
        assertEquals(10, h.meta.sndNxt());
        assertEquals(10, h.meta.reinjections());
    }

    @Test
    void aSlowSubflowSkipsDataAcknowledgedMeanwhile() {
        HandBuilt h = new HandBuilt(new RedundantScheduler());
        Subflow slow = h.subflow(50, 3, false);
        Subflow fast = h.subflow(10, 10, false);
        h.establish(1000);
        h.meta.push();
        assertEquals(range(0, 3), carried(slow));
        assertEquals(range(0, 10), carried(fast));
        // the fast subflow's DATA_ACK covers 0..5; the slow one gets cwnd room again
        h.meta.onDataAck(fast, 6, 1000);
        slow.sk.sndCwnd = 4;
        h.meta.push();
        // its last segment (2) is acknowledged -> it restarts at the oldest unacknowledged one, 6
        assertEquals(List.of(0L, 1L, 2L, 6L), carried(slow));
    }

    @Test
    void backupGetsNoCopiesAndNewDataOnlyWithoutAValidActiveSubflow() {
        HandBuilt h = new HandBuilt(new RedundantScheduler());
        Subflow wifi = h.subflow(10, 10, false);
        Subflow lte = h.subflow(50, 10, true);
        h.establish(1000);
        h.meta.push();
        assertEquals(range(0, 10), carried(wifi));
        assertEquals(List.of(), carried(lte));
        wifi.sk.pf = true;
        h.meta.push();
        // as in the kernel, the backup's next segment is the oldest unacknowledged one (0), already
        // sent on Wi-Fi: no copy on a backup; those reach it only through the reinjection queue
        assertEquals(List.of(), carried(lte));
        // once 0..9 are acknowledged the next segment is new and no active subflow is valid
        h.meta.onDataAck(wifi, 10, 1000);
        h.meta.push();
        assertEquals(range(10, 20), carried(lte));
    }
}
