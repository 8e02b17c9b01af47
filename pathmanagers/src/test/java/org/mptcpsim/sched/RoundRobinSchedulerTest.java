package org.mptcpsim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.tcp.Subflow;
import org.mptcpsim.testnet.HandBuilt;

/**
 * roundrobin as a state machine ({@code net/mptcp/mptcp_rr.c mptcp_rr_next_segment}): hand-built
 * subflows, no network.
 */
class RoundRobinSchedulerTest {

    private static String pattern(HandBuilt h, int calls) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < calls; i++) {
            Subflow s = h.next();
            b.append(s == null ? "-" : String.valueOf(s.sk.id));
        }
        return b.toString();
    }

    @Test
    void defaultsAlternateOneSegmentEachOldestFirst() {
        // kernel order is [1, 0] (newest first). Call 1: both quotas 0 -> the LAST with quota 0 in
        // iteration order = subflow 0. Call 2: 1 has quota 0, 0 is full (1 == num_segments) -> 1.
        // Call 3: both full -> reset, the last with quota 0 again = 0. Hence 0101...
        HandBuilt h = new HandBuilt(new RoundRobinScheduler(1, true));
        h.subflow(10, 10, false);
        h.subflow(50, 10, false);
        assertEquals("01010101", pattern(h, 8));
    }

    @Test
    void numSegmentsMakesBursts() {
        // num_segments = 3: a subflow with 0 < quota < 3 is chosen immediately -> bursts of 3
        HandBuilt h = new HandBuilt(new RoundRobinScheduler(3, true));
        h.subflow(10, 10, false);
        h.subflow(50, 10, false);
        assertEquals("000111000111", pattern(h, 12));
    }

    @Test
    void threeSubflowsCycleOldestToNewest() {
        // kernel order [2, 1, 0]: each round the last zero-quota subflow in that order is the oldest
        HandBuilt h = new HandBuilt(new RoundRobinScheduler(1, true));
        h.subflow(10, 10, false);
        h.subflow(10, 10, false);
        h.subflow(10, 10, false);
        assertEquals("012012012", pattern(h, 9));
    }

    @Test
    void cwndLimitedSkipsAFullSubflowButStrictModeWaitsForIt() {
        // subflow 0 has no cwnd room (in flight 10 = cwnd 10)
        HandBuilt h = new HandBuilt(new RoundRobinScheduler(1, true));
        Subflow s0 = h.subflow(10, 10, false);
        h.subflow(50, 10, false);
        s0.sk.packetsOut = 10;
        // cwnd_limited = 1: 0 is not considered; 1 alone: its quota fills and resets each call
        assertEquals("1111", pattern(h, 4));

        HandBuilt strict = new HandBuilt(new RoundRobinScheduler(1, false));
        Subflow t0 = strict.subflow(10, 10, false);
        strict.subflow(50, 10, false);
        t0.sk.packetsOut = 10;
        // cwnd_limited = 0: 0 takes part, is chosen (oldest, quota 0), fails the final cwnd test -> nothing
        assertNull(strict.next());
    }

    @Test
    void backupFlagsAreIgnored() {
        HandBuilt h = new HandBuilt(new RoundRobinScheduler(1, true));
        h.subflow(10, 10, false);
        h.subflow(10, 10, true);
        assertEquals("0101", pattern(h, 4));
    }

    @Test
    void factoryReadsModuleParametersWithKernelDefaults() {
        RoundRobinScheduler.Factory f = new RoundRobinScheduler.Factory();
        // mptcp_rr.c: num_segments = 1 (int), cwnd_limited = true (bool, shown Y as /sys/module prints it)
        assertEquals(Map.of("mptcp_rr.num_segments", "1", "mptcp_rr.cwnd_limited", "Y"), ModuleParam.defaults(f.parameters()));
        HandBuilt h = new HandBuilt(f.create(Map.of("mptcp_rr.num_segments", "2")::get));
        h.subflow(10, 10, false);
        h.subflow(10, 10, false);
        assertEquals("0011", pattern(h, 4));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("mptcp_rr.num_segments", "0")::get));
    }
}
