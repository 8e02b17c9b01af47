package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run-directory formats of docs/outputs.md that are not behaviour: events.csv's typed columns
 * and link directions, summary.json's typed kernel values and buffer limits, the empty infinite
 * ssthresh of subflows.csv.
 */
class OutputFormatTest {
    private static final String YAML = """
            name: formats
            duration: 8s
            seed: 1
            kernel:
              net.ipv4.tcp_congestion_control: lia
              net.mptcp.mptcp_path_manager: fullmesh
            paths:
              - id: wifi
                rate: 20Mbit
                delay: 10ms
                buffer: 40pkt
                schedule:
                  - {at: 3s, action: down}
                  - {at: 5s, action: up}
                  - {at: 6s, action: rate, rate: 10Mbit}
              - {id: lte, rate: 5Mbit, delay: 30ms, buffer: 30KB}
            connections:
              - {id: m1, type: mptcp, from: client:wifi, to: server, size: bulk}
            """;

    private static RunResult run;

    @BeforeAll
    static void runOnce() {
        run = Sim.run(YAML);
    }

    @AfterAll
    static void cleanUp() {
        Sim.deleteRun(run);
    }

    @Test
    void eventsCsvHasTypedColumnsAndOneRowPerLinkDirection() throws IOException {
        List<String> lines = Files.readAllLines(run.dir().resolve("events.csv"));
        assertEquals("time_s,connection,subflow,event,link,direction,rate_bps,backoff,rto_ms,cwnd,ssthresh,reason",
                lines.get(0));
        List<String[]> rows = Sim.csv(run, "events.csv");
        for (String[] r : rows) {
            assertEquals(12, r.length, String.join(",", r));
        }
        // the schedule has three entries for one link: each is written once per direction, so
        // exactly 3 x 2 rows, forward and reverse once each, never the same row twice
        List<String[]> link = rows.stream().filter(r -> r[3].startsWith("link_")).toList();
        assertEquals(6, link.size());
        for (String[] r : link) {
            assertEquals("wifi", r[4]);
            assertTrue(r[5].equals("forward") || r[5].equals("reverse"), r[5]);
            assertTrue(r[0].equals("3.000000") || r[0].equals("5.000000") || r[0].equals("6.000000"), r[0]);
        }
        assertEquals(3, link.stream().filter(r -> r[5].equals("forward")).count());
        assertEquals(List.of("link_down", "link_down", "link_up", "link_up", "link_rate", "link_rate"),
                link.stream().map(r -> r[3]).toList());
        // the rate column is the link's rate after the event: 20 Mbit/s for down/up, 10 for rate
        assertEquals("20000000", link.get(0)[6]);
        assertEquals("10000000", link.get(5)[6]);
        // a 2 s outage of the only path of subflow 0 makes it time out; RTO rows carry integers
        List<String[]> rtos = rows.stream().filter(r -> r[3].equals("rto")).toList();
        assertFalse(rtos.isEmpty(), "no RTO during the outage");
        for (String[] r : rtos) {
            assertTrue(Integer.parseInt(r[7]) >= 1, "backoff " + r[7]);
            // rto_min is 200 ms (docs: Linux's estimator), so no RTO is shorter
            assertTrue(Long.parseLong(r[8]) >= 200, "rto_ms " + r[8]);
            assertEquals("", r[4]);
        }
        for (String[] r : rows.stream().filter(r -> r[3].equals("recovery")).toList()) {
            assertTrue(Long.parseLong(r[10]) < Long.parseLong(r[9]), "recovery ssthresh below the cwnd it halves");
        }
        assertTrue(rows.stream().anyMatch(r -> r[3].equals("closed") && !r[11].isEmpty()), "closed with a reason");
    }

    @Test
    void summaryKernelValuesAreTyped() throws IOException {
        JsonNode k = new ObjectMapper().readTree(run.dir().resolve("summary.json").toFile()).path("kernel");
        assertTrue(k.path("net.ipv4.tcp_sack").isIntegralNumber(), "sysctl 1/0 as a number");
        assertEquals(1, k.path("net.ipv4.tcp_sack").asInt());
        assertTrue(k.path("tcp_cubic.beta").isIntegralNumber());
        assertEquals(717, k.path("tcp_cubic.beta").asInt()); // cubic's default beta (tcp_cubic.c)
        assertTrue(k.path("sim.delayed_ack").isBoolean());
        assertTrue(k.path("mptcp_rr.cwnd_limited").isBoolean(), "a Y/N module parameter as a boolean");
        JsonNode rmem = k.path("net.ipv4.tcp_rmem");
        assertTrue(rmem.isArray() && rmem.size() == 3, "a triple as three numbers: " + rmem);
        assertEquals(6291456, rmem.get(2).asLong()); // the kernel's default tcp_rmem max
        assertEquals("lia", k.path("net.ipv4.tcp_congestion_control").asText());
        assertTrue(k.path("net.ipv4.tcp_congestion_control").isTextual());
    }

    @Test
    void summaryLinksCarryTheirBufferLimit() throws IOException {
        JsonNode links = new ObjectMapper().readTree(run.dir().resolve("summary.json").toFile()).path("links");
        assertEquals("wifi", links.get(0).path("id").asText());
        assertEquals(40, links.get(0).path("bufferPkts").asInt()); // buffer: 40pkt
        assertTrue(links.get(0).path("bufferBytes").isMissingNode());
        assertEquals("lte", links.get(2).path("id").asText());
        assertEquals(30000, links.get(2).path("bufferBytes").asLong()); // 30KB = 30 x 1000 B
    }

    @Test
    void infiniteSsthreshIsEmptyInSubflowsCsv() {
        List<String[]> rows = Sim.csv(run, "subflows.csv");
        // the first sample (100 ms) is in slow start before any loss: ssthresh is still infinite
        String[] first = rows.get(0);
        assertEquals("0.100000", first[0]);
        assertEquals("", first[4]);
        for (String[] r : rows) {
            assertFalse(r[4].equals("2147483647"), "the raw TCP_INFINITE_SSTHRESH value is never written");
        }
        // every row that is not empty is a number of packets
        assertTrue(rows.stream().anyMatch(r -> !r[4].isEmpty() && Long.parseLong(r[4]) > 0));
    }
}
