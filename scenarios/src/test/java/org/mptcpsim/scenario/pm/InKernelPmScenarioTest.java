package org.mptcpsim.scenario.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/** The upstream in-kernel PM and the module parameters through scenario files. */
class InKernelPmScenarioTest {
    private static final String THREE_PATHS = """
            name: endpoints
            duration: 3s
            kernel:
              flavour: upstream
              net.ipv4.tcp_congestion_control: cubic
              net.mptcp.mptcp_path_manager: kernel
              mptcp.endpoints: "dev lte subflow backup; eth subflow"
              mptcp.limits: "subflows 2 add_addr_accepted 0"
            paths:
              - {id: wifi, rate: 10Mbit, delay: 10ms, buffer: 1BDP}
              - {id: lte, rate: 10Mbit, delay: 20ms, buffer: 1BDP}
              - {id: eth, rate: 10Mbit, delay: 5ms, buffer: 1BDP}
            connections:
              - {id: m1, type: mptcp, from: client:wifi, to: server}
            """;

    @Test
    void endpointsAndLimitsAsIpMptcpWritesThem() {
        RunResult r = Sim.run(THREE_PATHS);
        RunResult.Connection c = r.connection("m1");
        assertEquals(List.of(List.of("wifi"), List.of("lte"), List.of("eth")),
                c.subflows().stream().map(RunResult.SubflowStats::path).toList());
        // the lte endpoint is a backup: no data on it while wifi and eth work
        assertEquals(0, c.subflows().get(1).bytesAcked());
        assertTrue(c.subflows().get(2).bytesAcked() > 0);
        // subflows 1: only the first subflow endpoint (lte) is used
        RunResult one = Sim.run(THREE_PATHS, "mptcp.limits=subflows 1");
        assertEquals(2, one.connection("m1").subflows().size());
    }

    @Test
    void unknownPathManagerOrParameterFailsWithTheKnownNames() {
        Exception e = assertThrows(RuntimeException.class,
                () -> Sim.parse(THREE_PATHS, "net.mptcp.mptcp_path_manager=fullmes"));
        assertTrue(e.getMessage().contains("fullmesh"), e.getMessage());
        Exception p = assertThrows(RuntimeException.class,
                () -> Sim.parse(THREE_PATHS, "mptcp_fullmesh.num_subflow=2"));
        assertTrue(p.getMessage().contains("mptcp_fullmesh.num_subflows"), p.getMessage());
        Exception s = assertThrows(RuntimeException.class,
                () -> Sim.parse(THREE_PATHS, "net.mptcp.mptcp_scheduler=blast"));
        assertTrue(s.getMessage().contains("blest"), s.getMessage());
    }
}
