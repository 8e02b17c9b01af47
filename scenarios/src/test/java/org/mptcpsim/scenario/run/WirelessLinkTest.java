package org.mptcpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.model.LinkModelSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;
import org.mptcpsim.scenario.parse.ScenarioPrinter;

/** Trace-driven links, Gilbert–Elliott loss and delay jitter in whole scenarios (issue 13.3 and its tests in 13.6). */
class WirelessLinkTest {

    /**
     * One TCP flow over one path, 10 ms each way; the buffer (3000 packets) exceeds what the receive window
     * lets the sender have in flight (half of tcp_rmem[2] = 3 MB = about 2170 packets), so nothing is dropped
     * and, once slow start has filled the pipe, the data direction is never idle.
     */
    static final String ONE_FLOW = """
            duration: 20s
            kernel:
              net.ipv4.tcp_congestion_control: cubic
            paths:
              - {id: p, %s, delay: 10ms, buffer: 3000pkt, reverse: {rate: 12Mbit}}
            connections:
              - {id: c, type: tcp, from: client, to: server}
            """;

    private static Scenario load(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return ScenarioLoader.loadFile(f, List.of());
    }

    /**
     * A Mahimahi trace with one opportunity per millisecond (the one-line file "1": period 1 ms) carries one
     * 1500 B packet per ms = 12 Mbit/s, and delivers the same goodput as a 12 Mbit/s link, whose 1500 B
     * packets also take exactly 1 ms each. While the sender is backlogged both deliver exactly one data
     * packet per ms; they differ only where the link goes idle: on the trace a packet that finds it idle
     * waits for the next whole millisecond, at most 1 ms, where the fixed-rate link starts at once. That
     * happens at the handshake and at the end of each slow-start round until the pipe stays full — about
     * log2(2170 / 10) = 8 rounds; each such wait costs at most one packet of capacity, and delays the rest
     * of the ramp by at most as much. So the bytes delivered in 20 s differ by at most (8 + 2) x 2 packets
     * of 1448 B; the bound below allows 30 packets.
     */
    @Test
    void aConstantTwelveMegabitTraceGivesTheGoodputOfATwelveMegabitLink(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("12mbit.mahi"), "1\n", StandardCharsets.US_ASCII);
        RunResult fixed = Sim.run(load(dir, "fixed.yaml", ONE_FLOW.formatted("rate: 12Mbit")));
        RunResult traced = Sim.run(load(dir, "traced.yaml", ONE_FLOW.formatted("trace: 12mbit.mahi")));
        try {
            assertEquals(0, fixed.link("p").drops());
            assertEquals(0, traced.link("p").drops());
            long a = fixed.connection("c").bytesDelivered();
            long b = traced.connection("c").bytesDelivered();
            // the payload ceiling: 12 Mbit/s x 1448 / 1500 over 20 s = 28.96 MB at most. The ramp is short:
            // the BDP is 12e6 x 0.02 / 8 / 1500 = 20 packets, reached two slow-start rounds (40 ms) after the
            // 20 ms handshake, and 3000 packets of buffer never drop, so ~0.1 s x 1.45 MB/s is lost: ~28.8 MB
            // expected. 25 MB (2.7 s of idle link) is a loose floor against a stalled sender.
            assertTrue(a > 25_000_000 && a <= 28_960_000, "fixed-rate link delivered " + a);
            assertTrue(Math.abs(a - b) <= 30 * 1448, "fixed " + a + " B vs trace " + b + " B");
            System.out.printf("12 Mbit/s: fixed-rate link %d B, constant trace %d B%n", a, b);
        } finally {
            Sim.deleteRun(fixed);
            Sim.deleteRun(traced);
        }
    }

    /** Same scenario + seed = byte-identical outputs, with every model on; another seed changes them. */
    @Test
    void wirelessModelsAreDeterministicPerSeed() throws IOException {
        Path f = Sim.examples().resolve("lte-trace.yaml");
        RunResult a = Sim.runFile(f, "duration=8s", "paths.wifi.reorder=true");
        RunResult b = Sim.runFile(f, "duration=8s", "paths.wifi.reorder=true");
        RunResult c = Sim.runFile(f, "duration=8s", "paths.wifi.reorder=true", "seed=2");
        try {
            for (String n : new String[] {"summary.json", "subflows.csv", "connections.csv", "queues.csv",
                    "events.csv"}) {
                assertArrayEquals(Files.readAllBytes(a.dir().resolve(n)), Files.readAllBytes(b.dir().resolve(n)), n);
            }
            assertFalse(Arrays.equals(Files.readAllBytes(a.dir().resolve("subflows.csv")),
                    Files.readAllBytes(c.dir().resolve("subflows.csv"))), "seed 2 draws other losses and jitter");
        } finally {
            Sim.deleteRun(a);
            Sim.deleteRun(b);
            Sim.deleteRun(c);
        }
    }

    /**
     * Gilbert–Elliott loss on a whole path: with r = 1 - p (tc-netem's default) the model is Bernoulli, so a
     * path with {p: 0.01} loses what plain loss 1% would in expectation; and the Simple Gilbert model with the
     * same stationary rate p / (p + r) = 1 % but bursts of 1 / r = 5 packets has a fifth as many loss
     * events (bursts) for the same share of packets lost; Reno repairs a burst within one window in one
     * recovery (one ssthresh reduction), so it reduces less often. (Goodput need not rise: a burst more
     * often ends in an RTO.)
     */
    @Test
    void burstyLossCostsFewerRecoveriesThanTheSameRateSpreadOut(@TempDir Path dir) throws IOException {
        String base = """
                duration: 30s
                kernel:
                  net.ipv4.tcp_congestion_control: reno
                paths:
                  - {id: p, rate: 10Mbit, delay: 20ms, buffer: 1BDP, loss: %s}
                connections:
                  - {id: c, type: tcp, from: client, to: server}
                """;
        RunResult spread = Sim.run(load(dir, "s.yaml", base.formatted("{model: gilbert, p: 0.01}")));
        // p / (p + r) = 0.01 with r = 0.2: p = 0.2 x 0.01 / 0.99
        RunResult bursty = Sim.run(load(dir, "b.yaml", base.formatted("{model: gilbert, p: 0.00202, r: 0.2}")));
        try {
            long s = spread.connection("c").subflows().get(0).ssthreshReductions();
            long b = bursty.connection("c").subflows().get(0).ssthreshReductions();
            assertTrue(b < s, "bursty " + b + " vs spread " + s + " ssthresh reductions");
            System.out.printf("gilbert: spread %d reductions %.3f Mbit/s, bursty %d reductions %.3f Mbit/s%n", s,
                    spread.connection("c").goodputMbps(), b, bursty.connection("c").goodputMbps());
        } finally {
            Sim.deleteRun(spread);
            Sim.deleteRun(bursty);
        }
    }

    /** The printed scenario (mptcp-sim check) loads back with the same link models. */
    @Test
    void printingRoundTrips() throws IOException {
        Scenario sc = ScenarioLoader.loadFile(Sim.examples().resolve("lte-trace.yaml"),
                List.of("paths.lte.jitter=3ms", "paths.lte.reorder=true"));
        String printed = ScenarioPrinter.yaml(sc);
        assertTrue(printed.contains("loss: {model: gilbert, p: 0.0005, r: 0.25, h: 0, k: 1}"), printed);
        assertTrue(printed.contains("jitter: {dist: exponential, mean: 2ms, max: 50ms}"), printed);
        assertTrue(printed.contains("lte-synthetic.mahi"), printed);
        Scenario again = new ScenarioLoader().parse("elsewhere/printed.yaml", printed, List.of());
        for (String id : List.of("wifi", "lte")) {
            for (boolean fwd : new boolean[] {true, false}) {
                LinkModelSpec m = fwd ? sc.link(id).forward().model() : sc.link(id).reverse().model();
                LinkModelSpec n = fwd ? again.link(id).forward().model() : again.link(id).reverse().model();
                String what = id + (fwd ? "" : ":rev");
                assertEquals(m == null, n == null, what);
                if (m != null) {
                    assertEquals(m.trace(), n.trace(), what);
                    assertEquals(m.gilbert(), n.gilbert(), what);
                    assertEquals(m.jitter(), n.jitter(), what);
                    assertEquals(m.reorder(), n.reorder(), what);
                }
            }
            assertEquals(sc.link(id).reverse().rateBps(), again.link(id).reverse().rateBps(), id + ":rev");
        }
        assertEquals(printed, ScenarioPrinter.yaml(again));
    }
}
