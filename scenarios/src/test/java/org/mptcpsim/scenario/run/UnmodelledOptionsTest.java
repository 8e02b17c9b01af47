package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * Options the simulator names but does not model: a value other than the kernel's default is refused where the
 * scenario sets it (it used to run the default silently: tcp_sack 0 gave byte-identical outputs to tcp_sack 1).
 */
class UnmodelledOptionsTest {
    static final String SCENARIO = """
            duration: 2s
            kernel:
              %s: %s
            paths:
              - {id: wifi, rate: 10Mbit, delay: 10ms, buffer: 1BDP}
            connections:
              - {id: m1, type: mptcp, from: client:wifi, to: server}
            """;

    @ParameterizedTest
    @CsvSource({"net.ipv4.tcp_sack, 0", "net.ipv4.tcp_timestamps, 0", "net.ipv4.tcp_wmem, '[4096, 8192, 65536]'",
            "net.mptcp.mptcp_enabled, 0", "net.mptcp.mptcp_syn_retries, 1", "net.mptcp.mptcp_version, 1", "net.mptcp.mptcp_checksum, 0"})
    void aValueTheSimulatorDoesNotModelIsRefusedWhereItIsSet(String name, String value) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioRunner(Sim.parse(SCENARIO.formatted(name, value))));
        assertEquals(3, e.line(), e.getMessage());   // the option's line in the kernel block
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("not modelled by the simulator")
                && e.getMessage().contains("mptcp-sim kernel"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"net.ipv4.tcp_sack, 1", "net.ipv4.tcp_timestamps, 2", "net.mptcp.mptcp_checksum, 1", "net.mptcp.mptcp_debug, 1"})
    void theDefaultAndEquivalentValuesRun(String name, String value) {
        // timestamps 2 (no random TSval offset) behaves as 1 here; mptcp_debug only logs; the rest are the defaults
        assertDoesNotThrow(() -> new ScenarioRunner(Sim.parse(SCENARIO.formatted(name, value))));
    }
}
