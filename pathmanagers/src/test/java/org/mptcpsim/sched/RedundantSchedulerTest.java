package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.testnet.HandBuilt;

/**
 * redundant ({@code net/mptcp/mptcp_redundant.c} of v0.95.2, {@code mptcp_red_next_segment}) on hand-built subflows:
 * data goes into a black hole. The expected decisions are worked through the kernel's code in the comments: the
 * subflows are tried from {@code next_subflow} on (NULL = the head of {@code conn_list}, i.e. the newest subflow);
 * {@code redsched_correct_skb_pointers} clears a subflow's pointer when its segment's start is not after
 * {@code snd_una} or its end is after {@code snd_nxt}; {@code redsched_next_skb_from_queue} then offers the head of the
 * retransmission queue, or the send head when that queue is empty; otherwise the segment after the pointer.
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

    private static List<Long> copies(long dsn, int n) {
        return new ArrayList<>(Collections.nCopies(n, dsn));
    }

    @Test
    void aSubflowIsOfferedTheOldestUnacknowledgedSegmentUntilItIsDataAcked() {
        HandBuilt h = new HandBuilt(new RedundantScheduler());
        Subflow a = h.subflow(10, 10, false);
        Subflow b = h.subflow(50, 10, false);   // newest: first in conn_list
        h.establish(1000);
        h.meta.push();
        // b: no pointer, retransmission queue empty -> send head 0 (new); next_subflow = a.
        // a: no pointer -> retransmission queue head 0 (a copy, reinject -1); next_subflow wraps to b.
        // b: pointer 0, start 0 is not after snd_una 0 -> cleared -> the queue head, 0, again; and so on, alternating,
        // until both cwnds (10) are full: each subflow carries ten copies of segment 0, nothing else is sent
        assertEquals(copies(0, 10), carried(a));
        assertEquals(copies(0, 10), carried(b));
        assertEquals(1, h.meta.sndNxt());
        assertEquals(19, h.meta.reinjections());   // 20 transmissions, the first one new
        // DATA_ACK 1: snd_una = snd_nxt = 1, the retransmission queue is empty; two more cwnd slots each.
        // b (next_subflow after the 20th decision, made on a): pointer 0 is before snd_una -> cleared -> send head 1
        // (new); then a and b alternately: pointer cleared (0 < 1, then 1 = snd_una) -> queue head 1 (copies)
        h.meta.onDataAck(a, 1, 1000);
        a.sk.sndCwnd = 12;
        b.sk.sndCwnd = 12;
        h.meta.push();
        List<Long> expect = copies(0, 10);
        expect.addAll(copies(1, 2));
        assertEquals(expect, carried(a));
        assertEquals(expect, carried(b));
        // one segment beyond snd_una ever: snd_nxt <= snd_una + 1
        assertEquals(2, h.meta.sndNxt());
    }

    @Test
    void aClosedWindowStoresThePointerAndAdvancesTheRotation() {
        HandBuilt h = new HandBuilt(new RedundantScheduler());
        Subflow a = h.subflow(10, 10, false);
        Subflow b = h.subflow(50, 10, false);
        h.establish(0);
        // window 0: b is offered the send head 0 and is usable, so next_segment stores the pointer and sets
        // next_subflow = a before mptcp_write_xmit's tcp_snd_wnd_test fails and breaks the loop: nothing is sent
        h.meta.push();
        assertEquals(List.of(), carried(a));
        assertEquals(List.of(), carried(b));
        // the window opens: the rotation starts at a (b's stored pointer, unsent, ends after snd_nxt and is cleared)
        h.meta.onDataAck(a, 0, 1000);
        assertSame(a, h.next());
    }

    @Test
    void backupGetsNoCopiesAndNewDataOnlyWithoutAValidActiveSubflow() {
        HandBuilt h = new HandBuilt(new RedundantScheduler());
        Subflow wifi = h.subflow(10, 10, false);
        Subflow lte = h.subflow(50, 10, true);
        h.establish(1000);
        h.meta.push();
        // lte (first in conn_list): send head 0 has path_mask 0, lte is a backup and an active valid subflow exists
        // -> not used; wifi takes 0, then copies of 0 (its pointer is cleared at snd_una); a copy (path_mask != 0)
        // needs an active subflow, so lte gets none
        assertEquals(copies(0, 10), carried(wifi));
        assertEquals(List.of(), carried(lte));
        wifi.sk.pf = true;
        h.meta.push();
        assertEquals(List.of(), carried(lte));
        // DATA_ACK 1: the send head 1 is new (path_mask 0) and no active subflow is valid (wifi pf) -> lte takes it;
        // then its pointer (1 = snd_una) is cleared, the queue head 1 now has path_mask != 0 -> no copy on a backup
        h.meta.onDataAck(wifi, 1, 1000);
        h.meta.push();
        assertEquals(List.of(1L), carried(lte));
    }
}
