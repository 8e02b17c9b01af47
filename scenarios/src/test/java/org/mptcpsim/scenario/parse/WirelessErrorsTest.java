package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.net.DelayJitter;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.LinkModelSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;

/** trace, loss {model: gilbert}, jitter and reorder: what they bind to, and a located error for each bad input. */
class WirelessErrorsTest {

    /** Line 5 is the link's field line; tests replace {@code FIELDS}. */
    static final String BASE = """
            duration: 10s
            kernel:
              net.ipv4.tcp_congestion_control: lia
            paths:
              - {id: p, FIELDS, delay: 5ms, buffer: 100pkt}
            """;

    @TempDir
    Path dir;
    private Path scenario;

    @BeforeEach
    void setUp() throws IOException {
        scenario = dir.resolve("s.yaml");
        Files.writeString(dir.resolve("ok.mahi"), "0\n0\n2\n", StandardCharsets.US_ASCII);
    }

    private Scenario load(String fields, String... sets) throws IOException {
        Files.writeString(scenario, BASE.replace("FIELDS", fields), StandardCharsets.UTF_8);
        return ErrorsTest.LOADER.load(scenario, List.of(sets));
    }

    private ScenarioException fail(String fields, String... sets) throws IOException {
        Files.writeString(scenario, BASE.replace("FIELDS", fields), StandardCharsets.UTF_8);
        return assertThrows(ScenarioException.class, () -> ErrorsTest.LOADER.load(scenario, List.of(sets)));
    }

    /** An error inside the trace file: the trace's path, line, column and the field that names it. */
    private ScenarioException badTrace(String content) throws IOException {
        Files.writeString(dir.resolve("bad.mahi"), content, StandardCharsets.ISO_8859_1);
        return fail("trace: bad.mahi");
    }

    private void inTrace(ScenarioException e, int line, int col) {
        ErrorsTest.at(e, dir.resolve("bad.mahi").toString(), line, col, "paths[p].trace");
    }

    @Test
    void aTraceBindsRelativeToTheScenarioFileWithItsMeanRate() throws IOException {
        Scenario sc = load("trace: ok.mahi, reverse: {rate: 1Mbit}");
        DirectionSpec f = sc.link("p").forward();
        assertTrue(f.traced());
        assertEquals(dir.resolve("ok.mahi"), f.model().tracePath());
        // 3 opportunities of 1500 B per 2 ms period = 18 Mbit/s
        assertEquals(18_000_000L, f.rateBps());
        assertNull(sc.link("p").reverse().model(), "reverse: {rate} replaces the trace");
        // without an override the reverse direction inherits the trace, as it inherits every other field
        assertTrue(load("trace: ok.mahi").link("p").reverse().traced());
        // --set resolves against the scenario file too, and replaces a rate written in the file (and back)
        assertTrue(load("rate: 10Mbit", "paths.p.trace=ok.mahi").link("p").forward().traced());
        DirectionSpec back = load("trace: ok.mahi", "paths.p.rate=5Mbit").link("p").forward();
        assertTrue(!back.traced() && back.rateBps() == 5_000_000L);
    }

    @Test
    void gilbertDefaultsAreNetemsAndJitterForms() throws IOException {
        LinkModelSpec m = load("rate: 10Mbit, loss: {model: gilbert, p: 1%}").link("p").forward().model();
        // tc-netem(8) gemodel: r = 1 - p, 1-h = 1 (h = 0), 1-k = 0 (k = 1)
        assertEquals(new LinkModelSpec.Gilbert(0.01, 0.99, 0, 1), m.gilbert());
        assertEquals(0.0, load("rate: 10Mbit, loss: {model: gilbert, p: 1%}").link("p").forward().loss());
        assertEquals(DelayJitter.uniform(5_000_000_000L), load("rate: 10Mbit, jitter: 5ms").link("p").forward()
                .model().jitter());
        assertNull(load("rate: 10Mbit, jitter: 0").link("p").forward().model());
        LinkModelSpec p = load("rate: 10Mbit, jitter: {dist: pareto, mean: 1ms, shape: 1.5, max: 100ms},"
                + " reorder: true").link("p").forward().model();
        assertEquals(new DelayJitter(DelayJitter.Dist.PARETO, 1_000_000_000L, 0, 1.5, 100_000_000_000L), p.jitter());
        assertTrue(p.reorder());
        // the reverse direction inherits the loss model and the jitter, and can drop them
        Scenario sc = load("rate: 10Mbit, loss: {model: gilbert, p: 0.01, r: 0.3}, jitter: 2ms,"
                + " reverse: {loss: 0, jitter: 0}");
        assertEquals(0.3, sc.link("p").forward().model().gilbert().r());
        assertNull(sc.link("p").reverse().model());
    }

    @Test
    void missingTraceFileIsLocatedAtTheField() throws IOException {
        ScenarioException e = fail("trace: nope.mahi");
        ErrorsTest.at(e, scenario.toString(), 5, 20, "paths[p].trace");
        assertTrue(e.getMessage().contains(dir.resolve("nope.mahi") + " does not exist"), e.getMessage());
    }

    @Test
    void aBadLineNamesTheTraceFileLineAndColumn() throws IOException {
        ScenarioException e = badTrace("1\n2\n3x4\n");
        inTrace(e, 3, 2);
        assertTrue(e.getMessage().contains("\"3x4\" is not a timestamp; each line of a Mahimahi trace is one delivery"
                + " opportunity: a whole number of milliseconds"), e.getMessage());
        inTrace(badTrace("1\n-2\n"), 2, 1);
        inTrace(badTrace("1\n2.5\n"), 2, 2);
        inTrace(badTrace("1\n99999999999\n"), 2, 1);
        ScenarioException latin = badTrace("1\n\u00e9\n");
        inTrace(latin, 2, 1);
        assertTrue(latin.getMessage().contains("\\xE9"), latin.getMessage());
        // spaces, tabs and CRLF line ends are allowed
        Files.writeString(dir.resolve("crlf.mahi"), " 1\t\r\n2 \r\n", StandardCharsets.US_ASCII);
        assertEquals(2, load("trace: crlf.mahi").link("p").forward().model().trace().opportunities());
    }

    @Test
    void anEmptyLineIsAnError() throws IOException {
        ScenarioException e = badTrace("1\n\n2\n");
        inTrace(e, 2, 1);
        assertTrue(e.getMessage().contains("empty line"), e.getMessage());
        inTrace(badTrace("1\n2\n\n"), 3, 1);
    }

    @Test
    void decreasingTimestampsAreAnError() throws IOException {
        ScenarioException e = badTrace("1\n5\n4\n");
        inTrace(e, 3, 1);
        assertTrue(e.getMessage().contains("timestamp 4 is below the line before (5)"), e.getMessage());
    }

    @Test
    void anEmptyTraceOrOneLastingNoTimeIsAnError() throws IOException {
        ScenarioException e = badTrace("");
        inTrace(e, 1, 1);
        assertTrue(e.getMessage().contains("the trace file is empty"), e.getMessage());
        ScenarioException z = badTrace("0\n0\n");
        inTrace(z, 2, 1);
        assertTrue(z.getMessage().contains("nonzero amount of time"), z.getMessage());
    }

    @Test
    void aTraceAboveTheLimitIsRefusedBeforeItIsRead() throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("big.mahi").toFile(), "rw")) {
            f.setLength(TraceFiles.MAX_BYTES + 1); // sparse: nothing is written
        }
        ScenarioException e = fail("trace: big.mahi");
        ErrorsTest.at(e, scenario.toString(), 5, 20, "paths[p].trace");
        assertTrue(e.getMessage().contains("the largest allowed trace file is 67108864 bytes (64 MiB)"), e.getMessage());
    }

    /**
     * A device or a pipe is refused at the field before it is read, as a scenario file is: /dev/zero reports size 0 and
     * never ends (it filled the heap), a FIFO without a writer blocks the read for ever.
     */
    @Test
    void aDeviceOrAPipeIsNotATrace() throws Exception {
        Path fifo = dir.resolve("f.mahi");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        for (String trace : List.of("/dev/zero", "f.mahi")) {
            ScenarioException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration
                    .ofSeconds(20), () -> fail("trace: " + trace));
            ErrorsTest.at(e, scenario.toString(), 5, 20, "paths[p].trace");
            assertTrue(e.getMessage().contains("is not a regular file (a pipe or device)"), e.getMessage());
        }
    }

    @Test
    void aDirectoryIsNotATrace() throws IOException {
        Files.createDirectory(dir.resolve("d.mahi"));
        ErrorsTest.at(fail("trace: d.mahi"), scenario.toString(), 5, 20, "paths[p].trace");
    }

    @Test
    void rateAndTraceTogetherAndRateEventsOnATracedLinkAreErrors() throws IOException {
        ScenarioException both = fail("rate: 10Mbit, trace: ok.mahi");
        ErrorsTest.at(both, scenario.toString(), 5, 34, "paths[p].trace");
        ScenarioException tbf = fail("trace: ok.mahi, qdisc: tbf");
        ErrorsTest.at(tbf, scenario.toString(), 5, 36, "paths[p].qdisc");
        ScenarioException neither = fail("qdisc: droptail");
        assertTrue(neither.getMessage().contains("missing required field \"rate\" (or \"trace\""), neither.getMessage());
        ScenarioException ev = fail("trace: ok.mahi, reverse: {rate: 1Mbit}, schedule: [{at: 1s, action: rate,"
                + " rate: 1Mbit}]");
        assertEquals("paths[p].schedule[0]", ev.path(), ev.getMessage());
        assertTrue(ev.getMessage().contains("a rate event cannot change a direction driven by a delivery trace"),
                ev.getMessage());
    }

    @Test
    void badGilbertParametersAreLocated() throws IOException {
        ScenarioException m = fail("rate: 10Mbit, loss: {model: markov, p: 0.1}");
        assertEquals("paths[p].loss.model", m.path());
        assertEquals(List.of("gilbert"), m.allowed());
        ScenarioException p = fail("rate: 10Mbit, loss: {model: gilbert, p: 1.5}");
        assertEquals("paths[p].loss.p", p.path());
        assertTrue(p.getMessage().contains("out of range"), p.getMessage());
        assertEquals("paths[p].loss", fail("rate: 10Mbit, loss: {model: gilbert}").path());
        ScenarioException u = fail("rate: 10Mbit, loss: {model: gilbert, p: 0.1, q: 0.2}");
        assertEquals("paths[p].loss.q", u.path());
        assertEquals(List.of("model", "p", "r", "h", "k"), u.allowed());
        assertEquals("paths[p].loss.k", fail("rate: 10Mbit, loss: {model: gilbert, p: 0.1, k: x}").path());
        assertEquals("paths[p].loss.r", fail("rate: 10Mbit, loss: {model: gilbert, p: 0.1, r: 0}").path());
    }

    @Test
    void badJitterIsLocated() throws IOException {
        ScenarioException d = fail("rate: 10Mbit, jitter: {dist: gamma, mean: 1ms}");
        assertEquals("paths[p].jitter.dist", d.path());
        assertEquals(LinkBinder.JITTER_DISTS, d.allowed());
        ScenarioException f = fail("rate: 10Mbit, jitter: {dist: uniform, mean: 1ms}");
        assertEquals("paths[p].jitter.mean", f.path());
        assertEquals(List.of("dist", "min", "max"), f.allowed());
        assertEquals("paths[p].jitter", fail("rate: 10Mbit, jitter: {dist: normal, mean: 1ms}").path()); // sd missing
        assertEquals("paths[p].jitter.shape", fail("rate: 10Mbit, jitter: {dist: pareto, mean: 1ms, shape: 1}").path());
        assertEquals("paths[p].jitter.max", fail("rate: 10Mbit, jitter: {dist: uniform, min: 2ms, max: 1ms}").path());
        assertEquals("paths[p].jitter.mean", fail("rate: 10Mbit, jitter: {dist: exponential, mean: 0}").path());
        assertEquals("paths[p].jitter", fail("rate: 10Mbit, jitter: fast").path());
        ScenarioException r = fail("rate: 10Mbit, reorder: true");
        ErrorsTest.at(r, scenario.toString(), 5, 36, "paths[p].reorder");
        assertTrue(r.getMessage().contains("reorder: true needs jitter"), r.getMessage());
        assertEquals("paths[p].reorder", fail("rate: 10Mbit, jitter: 1ms, reorder: maybe").path());
    }
}
