package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Application workloads end to end: completion times and latencies derived by hand, arrival statistics. */
class AppsTest {

    /**
     * One link a -> b, 1 Gbit/s, 10 ms each way, reno, no host send jitter (so every time below is
     * exact), delayed ACKs as Linux (quick-ACKs at the start).
     */
    static String path(String app, String type) {
        return """
                duration: 2s
                kernel:
                  net.ipv4.tcp_congestion_control: reno
                  sim.tx_jitter_us: 0
                nodes:
                  - {id: a, type: host}
                  - {id: b, type: host}
                links:
                  - {id: l1, from: a, to: b, rate: 1Gbit, delay: 10ms, buffer: 10000pkt}
                connections:
                  - {id: c1, type: %s, from: a, to: b, %s}
                """.formatted(type, app);
    }

    static JsonNode summary(RunResult r) throws IOException {
        return new ObjectMapper().readTree(Files.readString(r.dir().resolve("summary.json")));
    }

    @Test
    void oneTransferOnAnEmptyPathTakesTheHandshakeThreeSlowStartRoundsAndItsSerialisation() {
        // 100 000 B at MSS 1448 (MTU 1500 - 52 B of IP, TCP and timestamp headers) = 70 segments
        // (69.06 rounded up), each 1500 B on the wire = 12 us at 1 Gbit/s; an ACK is 52 B = 0.416 us,
        // a SYN or SYN/ACK 60 B = 0.48 us.
        //   handshake: SYN 0.48 us + 10 ms, SYN/ACK 0.48 us + 10 ms          -> established at 20.00096 ms
        //   IW10 (TCP_INIT_CWND): segments 1-10 leave back to back. Slow start adds one segment per
        //   segment acknowledged (tcp_slow_start: cwnd += acked), so each ACK releases two more and the
        //   window doubles per round whether ACKs are quick or delayed: rounds of 10, 20 and 40 = 70.
        //   A round starts when the first ACK of the previous round is back: its first segment's 12 us,
        //   10 ms, the ACK's 0.416 us and 10 ms = 20.012416 ms after that round started (quick-ACK
        //   mode acknowledges the first segments one by one). Releases (2 segments = 24 us per ACK
        //   every 12 us) outpace the link, so a round's segments leave back to back.
        //   round 1 at 20.00096 ms, round 2 at 40.013376 ms, round 3 at 60.025792 ms; its 40 segments
        //   take 480 us to serialise, the last arrives 10 ms later: 70.505792 ms after the SYN.
        // Ideal (docs/outputs.md): RTT 20 ms + one way 10 ms + 70 x 12 us = 30.84 ms.
        RunResult r = Sim.run(path("size: 100KB", "tcp"));
        try {
            List<String[]> rows = Sim.csv(r, "flows.csv");
            assertEquals(1, rows.size());
            String[] t = rows.get(0);
            assertEquals("size", t[1]);
            assertEquals("100000", t[3]);
            assertEquals(70.505792, Double.parseDouble(t[6]), 0.0005, "fct_ms");
            assertEquals(30.840, Double.parseDouble(t[7]), 0.0005, "ideal_ms");
            assertEquals(70.505792 / 30.84, Double.parseDouble(t[8]), 1e-4, "slowdown");
        } finally {
            Sim.deleteRun(r);
        }
    }

    @Test
    void requestResponseLatencyOnAnEmptyPathIsTwoOneWayDelaysAndTheSerialisations() throws IOException {
        // The server answers (its data flows b -> a); the request, 500 B + 52 B of headers = 552 B =
        // 4.416 us, travels a -> b. The first request leaves when the connection is established.
        // Response 10 000 B = 7 segments (6.9), within the initial window: they leave back to back,
        // the last finishes serialising 7 x 12 = 84 us after the request arrived. Latency = 4.416 us +
        // 10 ms + 84 us + 10 ms = 20.088416 ms, and the same for every later request: the think time
        // of 100 ms keeps the sender idle for 110 ms, less than an RTO (>= 200 ms, TCP_RTO_MIN), so
        // tcp_slow_start_after_idle does not shrink the window, and the window only grows. The ideal is
        // the same sum (one way each, serialisation of each at the slowest link): slowdown 1.
        RunResult r = Sim.run(path("app: {request-response: {request: 500B, response: 10KB, think: 100ms}}", "tcp"));
        try {
            List<String[]> rows = Sim.csv(r, "flows.csv");
            // requests every 120.088 ms from 20.001 ms: 17 of them complete before 2 s (the 17th at
            // 20.001 + 16 x 120.088 + 20.088 = 1961.5 ms), the 18th is sent at 2041.5 ms > 2 s: none.
            assertEquals(17, rows.size());
            for (String[] t : rows) {
                assertEquals("request", t[1]);
                assertEquals(20.088416, Double.parseDouble(t[6]), 0.0005, "latency of request " + t[2]);
                assertEquals(1.0, Double.parseDouble(t[8]), 1e-4, "slowdown of request " + t[2]);
            }
            JsonNode app = summary(r).path("connections").get(0).path("app");
            assertEquals("request-response", app.path("kind").asText());
            assertEquals(17, app.path("completed").asInt());
            assertEquals(20.0884, app.path("fctMs").path("p99").asDouble(), 1e-3);
        } finally {
            Sim.deleteRun(r);
        }
    }

    @Test
    void anIdleRestartAfterALongThinkTimeCostsARound() {
        // Think 1 s: the server's sender is idle for 1.01 s (> RTO, about 220 ms here), so
        // tcp_cwnd_restart cuts cwnd to the restart window (min(TCP_INIT_CWND, cwnd) = 10) before the
        // next response. A 20-segment response (28 000 B / 1448) then needs two rounds instead of one:
        // the second round starts one RTT after the first, so each later request takes about 20 ms
        // more than the first would with a grown window. With the sysctl at 0 the window stays
        // grown (cwnd 10 + 20 after the first response, slow start) and every later request takes
        // one round: 20 ms + 2 x serialisation.
        String app = "app: {request-response: {request: 500B, response: 28000B, think: 1s}}";
        RunResult on = Sim.run(path(app, "tcp"));
        RunResult off = Sim.run(path(app, "tcp"), "net.ipv4.tcp_slow_start_after_idle=0");
        try {
            List<String[]> a = Sim.csv(on, "flows.csv");
            List<String[]> b = Sim.csv(off, "flows.csv");
            assertEquals(a.size(), b.size());
            assertTrue(a.size() >= 2, "at least two requests");
            // the first response: IW10 in both, two rounds
            assertEquals(Double.parseDouble(a.get(0)[6]), Double.parseDouble(b.get(0)[6]), 1e-3);
            double first = Double.parseDouble(a.get(0)[6]);
            assertTrue(first > 40, "first response of 20 segments with IW10 takes two rounds: " + first);
            // later ones: two rounds again with the restart, one round without
            double restarted = Double.parseDouble(a.get(1)[6]);
            double grown = Double.parseDouble(b.get(1)[6]);
            // the restart window is the initial window again: two rounds as for the first response, but
            // the receiver's 16 quick-ACKs (TCP_MAX_QUICKACKS) were used by the first response, so now
            // the first ACK waits for the second segment (delayed ACK, every second full segment): the
            // second round starts one segment time (12 us) later
            assertEquals(first + 0.012, restarted, 1e-3, "restart");
            // no restart: the 20 segments leave at once: 4.416 us + 10 ms + 20 x 12 us + 10 ms
            assertEquals(20.244416, grown, 0.0005, "no restart: one round");
        } finally {
            Sim.deleteRun(on);
            Sim.deleteRun(off);
        }
    }

    @Test
    void poissonArrivalsPerSecondPassAChiSquareTest() {
        // 50/s for 20 s: the counts in 20 one-second bins are independent Poisson(50). Their
        // chi-square statistic sum((n - 50)^2 / 50) follows chi-square with 20 degrees of freedom;
        // its 99.9 % quantile is 45.31. Checked for five seeds (each run is deterministic, so
        // this cannot flake; a wrong generator, e.g. a rate off by 10 % or periodic gaps, fails
        // for all of them), and the total within 4 standard deviations (4 x sqrt(1000) = 126).
        for (int seed = 1; seed <= 5; seed++) {
            RunResult r = Sim.run(path("app: {flows: {poisson: {rate: 50/s}, size: 1000B}}", "tcp")
                    .replace("duration: 2s", "duration: 20s"), "seed=" + seed);
            try {
                int[] bins = new int[20];
                List<String[]> rows = Sim.csv(r, "flows.csv");
                for (String[] t : rows) {
                    bins[(int) Double.parseDouble(t[4])]++;
                }
                double chi = 0;
                for (int n : bins) {
                    chi += (n - 50.0) * (n - 50.0) / 50.0;
                }
                assertTrue(chi < 45.31, "seed " + seed + ": chi-square " + chi);
                assertTrue(Math.abs(rows.size() - 1000) < 126, "seed " + seed + ": " + rows.size() + " arrivals");
            } finally {
                Sim.deleteRun(r);
            }
        }
    }

    @Test
    void periodicFlowsOnAnEmptyPathAllTakeOneTransferTime() {
        // every 100 ms a 10 000 B transfer (7 segments) on a new connection: handshake 20.00096 ms,
        // then 7 segments back to back (84 us) and 10 ms: 30.08496 ms each, 20 of them in 2 s.
        RunResult r = Sim.run(path("app: {flows: {every: 100ms, size: {fixed: 10KB}}}", "tcp"));
        try {
            List<String[]> rows = Sim.csv(r, "flows.csv");
            assertEquals(20, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i * 0.1, Double.parseDouble(rows.get(i)[4]), 1e-9);
                assertEquals(30.08496, Double.parseDouble(rows.get(i)[6]), 0.0005);
            }
        } finally {
            Sim.deleteRun(r);
        }
    }

    @Test
    void aStreamsPlayedStartupAndStallTimeAddUpToItsLifetime() throws IOException {
        // 5 Mbit/s over a 4 Mbit/s link cannot keep up: the buffer runs dry again and again. Whatever
        // the dynamics, every moment after the stream starts is startup, playing or stalled.
        String s = path("app: {stream: {bitrate: 5Mbit, startup: 500ms}}", "tcp").replace("rate: 1Gbit", "rate: 4Mbit")
                .replace("duration: 2s", "duration: 6s").replace("buffer: 10000pkt", "buffer: 1BDP");
        RunResult r = Sim.run(s);
        try {
            JsonNode app = summary(r).path("connections").get(0).path("app");
            double start = 0.02;   // established after one RTT
            double sum = app.path("playedS").asDouble() + app.path("stallTimeS").asDouble()
                    + app.path("startupDelayS").asDouble();
            assertEquals(6 - start, sum, 0.002);
            assertTrue(app.path("stalls").asInt() >= 1, "a 5 Mbit/s stream on 4 Mbit/s stalls");
            // it plays at most what 4 Mbit/s can carry: 4/5 of the time after startup
            assertTrue(app.path("playedS").asDouble() <= (6 - start - 0.5) * 0.8 + 0.5, app.toString());
        } finally {
            Sim.deleteRun(r);
        }
    }

    @Test
    void sameSeedSameFlowsCsv() throws IOException {
        String s = path("app: {flows: {poisson: {rate: 30/s}, size: {lognormal: {median: 20KB, sigma: 1.2}}}}", "mptcp");
        RunResult a = Sim.run(s);
        RunResult b = Sim.run(s);
        try {
            assertEquals(Files.readString(a.dir().resolve("flows.csv")), Files.readString(b.dir().resolve("flows.csv")));
            assertEquals(Files.readString(a.dir().resolve("summary.json")),
                    Files.readString(b.dir().resolve("summary.json")));
        } finally {
            Sim.deleteRun(a);
            Sim.deleteRun(b);
        }
    }
}
