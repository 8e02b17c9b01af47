package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.ScenarioException;

/** The upstream flavour: what upstream Linux has and refuses, and its scheduler at work. */
class UpstreamFlavourTest {
    static final String TWO_PATHS = """
            duration: 20s
            kernel:
              flavour: upstream
              net.ipv4.tcp_congestion_control: %s
              mptcp.endpoints: "dev lte subflow"
            paths:
              - {id: wifi, rate: 20Mbit, delay: 10ms, buffer: 1BDP}
              - {id: lte,  rate: 10Mbit, delay: 30ms, buffer: 1BDP}
            connections:
              - {id: m1, type: mptcp, from: client:wifi, to: server}
            """;

    @Test
    void coupledControlsAreRefusedWhereTheScenarioAsksForThem() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioRunner(Sim.parse(TWO_PATHS.formatted("olia"))));
        assertTrue(e.getMessage().contains("olia is not in upstream Linux"), e.getMessage());
        assertEquals(4, e.line(), e.getMessage()); // the line of net.ipv4.tcp_congestion_control
    }

    @Test
    void inKernelPmWithASubflowEndpointUsesBothPaths() {
        // the in-kernel PM (upstream default) opens a subflow from the lte endpoint; the linger-time
        // scheduler keeps both paths busy: each subflow close to its path's payload rate
        // (20 and 10 Mbit/s x 1420/1500 = 18.9 and 9.47 Mbit/s)
        RunResult r = Sim.run(Sim.parse(TWO_PATHS.formatted("cubic")));
        RunResult.Connection c = r.connection("m1");
        assertEquals(2, c.subflows().size());
        assertTrue(c.subflows().get(0).goodputMbps() > 0.85 * 18.9, "wifi " + c.subflows().get(0).goodputMbps());
        assertTrue(c.subflows().get(1).goodputMbps() > 0.85 * 9.47, "lte " + c.subflows().get(1).goodputMbps());
    }
}
