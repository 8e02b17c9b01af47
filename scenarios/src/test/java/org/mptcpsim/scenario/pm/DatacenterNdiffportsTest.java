package org.mptcpsim.scenario.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/**
 * The datacenter-ndiffports example: 4 connections h1..h4 -> h5..h8 across 4 spines, every link
 * 100 Mbit/s (payload at most 94.7 Mbit/s per host; 378.7 in total). With one subflow per
 * connection ECMP often hashes two connections onto one spine (all four distinct happens with
 * probability 4!/4^4 = 9 %), so they share 100 Mbit/s; more subflows from different source
 * ports spread over the spines.
 */
class DatacenterNdiffportsTest {
    private static final int SEEDS = 6;

    private static double meanAggregate(int n) {
        double sum = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            RunResult r = Sim.runFile(PmScenarioSupport.example("datacenter-ndiffports.yaml"),
                    "mptcp_ndiffports.num_subflows=" + n, "seed=" + seed);
            for (RunResult.Connection c : r.connections()) {
                assertEquals(n, c.subflows().size(), c.id());
                sum += c.goodputMbps();
            }
        }
        return sum / SEEDS;
    }

    @Test
    void aggregateThroughputRisesWithTheNumberOfSubflows() {
        double one = meanAggregate(1);
        double two = meanAggregate(2);
        double eight = meanAggregate(8);
        assertTrue(one < 0.85 * 378.7, "1 subflow: " + one);
        assertTrue(two > one, "2 subflows: " + two + " vs " + one);
        assertTrue(eight > two && eight > 0.95 * 378.7, "8 subflows: " + eight);
    }

    @Test
    void subflowsShareTheAddressPairButHashOntoDifferentSpines() {
        RunResult r = Sim.runFile(PmScenarioSupport.example("datacenter-ndiffports.yaml"),
                "mptcp_ndiffports.num_subflows=8");
        for (RunResult.Connection c : r.connections()) {
            Set<String> spines = new HashSet<>();
            String first = c.subflows().get(0).path().get(0);
            for (RunResult.SubflowStats s : c.subflows()) {
                // same source host link and destination host link: the same address pair
                assertEquals(first, s.path().get(0));
                assertEquals(c.subflows().get(0).path().get(3), s.path().get(3));
                spines.add(s.path().get(1));
            }
            // 8 source ports over 4 spines: all in one spine would mean the ports were not different
            assertTrue(spines.size() >= 2, c.id() + " " + spines);
        }
    }
}
