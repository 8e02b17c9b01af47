package org.mptcpsim.scenario.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.Sim;

/**
 * A path that fails for good, under every path manager: TCP's write timeout (tcp_retries2 = 15,
 * the kernel default) closes the subflow with ETIMEDOUT, and the connection goes on over the other
 * path (issue 10 item 3). The failure is in the middle of the path (link pa between two routers),
 * not on a client interface, so no path manager hears of an address going down: only TCP's timer
 * can end the subflow. Before the fix the default PM never closed it.
 */
class WriteTimeoutScenarioTest {

    static final String BASE = """
            name: write-timeout
            duration: 1000s
            sample: 1s
            kernel:
              net.ipv4.tcp_congestion_control: reno
            nodes:
              - {id: client, type: host}
              - {id: server, type: host}
              - {id: ra, type: switch}
              - {id: rb, type: switch}
              - {id: rs, type: switch}
            links:
              - {id: ca, from: client, to: ra, rate: 100Mbit, delay: 1ms, buffer: 1000pkt}
              - {id: cb, from: client, to: rb, rate: 100Mbit, delay: 1ms, buffer: 1000pkt}
              - {id: pa, from: ra, to: rs, rate: 1Mbit, delay: 10ms, buffer: 1BDP, schedule: [{at: 5s, action: down}]}
              - {id: pb, from: rb, to: rs, rate: 1Mbit, delay: 10ms, buffer: 1BDP}
              - {id: s, from: rs, to: server, rate: 100Mbit, delay: 1ms, buffer: 1000pkt}
            """;

    /** The scenario under one path manager; each opens a second subflow over cb > pb > s. */
    static String scenario(String pm) {
        return switch (pm) {
            case "default" -> BASE + """
                    connections:
                      - {id: m1, type: mptcp, from: client:ca, to: server, subflows: [{from: client:cb, to: server}]}
                    """;
            case "fullmesh" -> BASE.replace("reno\n", "reno\n  net.mptcp.mptcp_path_manager: fullmesh\n") + """
                    connections:
                      - {id: m1, type: mptcp, from: client:ca, to: server}
                    """;
            case "upstream" -> BASE.replace("reno\n", "reno\n  flavour: upstream\n"
                    + "  net.mptcp.mptcp_path_manager: kernel\n  mptcp.endpoints: \"cb subflow\"\n") + """
                    connections:
                      - {id: m1, type: mptcp, from: client:ca, to: server}
                    """;
            default -> throw new IllegalArgumentException(pm);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "fullmesh", "upstream"})
    void aDeadPathsSubflowTimesOutAtTheKernelsTime(String pm) {
        RunResult r = Sim.run(scenario(pm));
        List<Double> rtos = new ArrayList<>();
        List<Double> intervals = new ArrayList<>();
        double closed = -1;
        String reason = null;
        for (String[] row : Sim.csv(r, "events.csv")) {
            if (!row[2].equals("0")) {
                continue;
            }
            double t = Double.parseDouble(row[0]);
            if (row[3].equals("rto") && t > 5) {
                rtos.add(t);
                intervals.add(Double.parseDouble(row[8]) / 1000);   // the typed rto_ms column
            }
            if (row[3].equals("closed")) {
                closed = t;
                reason = row[11];   // the typed reason column
            }
        }
        assertEquals("ETIMEDOUT", reason, pm);
        // retransmits_timed_out(tcp_retries2 = 15): the socket fails at the first RTO at which
        // now - retrans_stamp >= tcp_model_timeout(15, TCP_RTO_MIN) = (2^10 - 1) x 200 ms
        // + (15 - 9) x 120 s = 924.6 s (WriteTimeout), retrans_stamp being the first
        // retransmission after the failure (the first RTO after 5 s).
        double first = rtos.get(0);
        double last = rtos.get(rtos.size() - 1);
        double timeout = 924.6;
        assertTrue(last - first < timeout, pm + ": last RTO " + last);          // still retrying then
        assertEquals(last + intervals.get(intervals.size() - 1), closed, 1e-5, pm); // the next RTO closes it
        assertTrue(closed - first >= timeout && closed - first < timeout + 120, pm + ": closed " + closed);
        // the connection carries on over pb: its payload ceiling is 1 Mbit/s x 1420/1500 = 0.947;
        // after the close, alone on pb with a 1-BDP buffer, reno keeps it >= 90 % busy
        double after = PmScenarioSupport.goodput(r, "m1", Math.ceil(closed) + 1, 1000);
        assertTrue(after > 0.9 * 0.947, pm + ": after the close " + after);
        RunResult.SubflowStats sf0 = r.connection("m1").subflows().get(0);
        assertEquals(closed, sf0.endS(), 1e-5);
        Sim.deleteRun(r);
    }
}
