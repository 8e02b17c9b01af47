package org.mptcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CliTest {
    @TempDir
    Path tmp;

    static Path example(String name) {
        Path p = Path.of("..", "scenarios", "examples", name);
        return Files.exists(p) ? p : Path.of("scenarios", "examples", name);
    }

    /** Runs the command line, capturing stderr; returns {exit code, stderr}. */
    static Object[] exec(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    /** {@code check FILE}, or {@code run FILE --out OUT --quiet --no-report}: exit code and stderr, as {@link #exec}. */
    static Object[] checkOrRun(String cmd, Path f, Path out) {
        return cmd.equals("run") ? exec("run", f.toString(), "--out", out.toString(), "--quiet", "--no-report")
                : exec("check", f.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reno", "cubic", "lia", "olia", "wvegas", "balia"})
    void twoPathsRunsWithEveryCongestionControl(String cc) throws IOException {
        Path out = tmp.resolve(cc);
        Object[] r = exec("run", example("two-paths.yaml").toString(), "--out", out.toString(), "--quiet", "--no-report",
                "--set", "net.ipv4.tcp_congestion_control=" + cc, "--set", "duration=5s");
        assertEquals(0, r[0], (String) r[1]);
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"cc\" : \"" + cc + "\""), summary);
    }

    @Test
    void unknownCongestionControlFailsWithTheListAndExitCode2() {
        Path out = tmp.resolve("bad");
        Object[] r = exec("run", example("two-paths.yaml").toString(), "--out", out.toString(), "--quiet",
                "--set", "net.ipv4.tcp_congestion_control=vegas2");
        assertEquals(2, r[0]);
        String err = (String) r[1];
        for (String known : new String[] {"reno", "cubic", "lia", "olia", "wvegas", "balia"}) {
            assertTrue(err.contains(known), err);
        }
        assertFalse(Files.exists(out), "nothing half-written is left behind");
    }

    @Test
    void badScenarioFileNamesFileLineAndColumn() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "duration: 10s\npaths:\n  - {id: p, rate: 10Mbt, delay: 10ms, buffer: 1BDP}\n");
        Object[] r = exec("run", f.toString(), "--out", tmp.resolve("o").toString(), "--quiet");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("bad.yaml:3:"), (String) r[1]);
        assertTrue(((String) r[1]).contains("10Mbt"), (String) r[1]);
    }

    @Test
    void missingFileAndBadFlagAreBadInput() {
        Object[] r = exec("run", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("nope.yaml: no such scenario file"), (String) r[1]);
        // a directory exists: the message says what it is instead of "no such file"
        r = exec("run", tmp.toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains(": a directory, not a scenario file"), (String) r[1]);
        assertEquals(2, exec("run", example("two-paths.yaml").toString(), "--seed", "abc")[0]);
    }

    @Test
    void reportWithAFileWhereChartsGoNamesNoOutFlag() throws IOException {
        Path out = tmp.resolve("rc");
        Object[] r = exec("run", example("two-paths.yaml").toString(), "--out", out.toString(), "--quiet", "--no-report",
                "--set", "duration=1s");
        assertEquals(0, r[0], (String) r[1]);
        Files.writeString(out.resolve("charts"), "mine\n");
        r = exec("report", out.toString());
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        assertTrue(err.contains("charts") && err.contains("move what is in the way"), err);
        assertFalse(err.contains("--out"), "report has no --out: " + err);
        assertEquals("mine\n", Files.readString(out.resolve("charts")), "the file in the way is untouched");
    }

    @Test
    void runWritesTheReportAndReportRedrawsIt() throws IOException {
        Path out = tmp.resolve("rep");
        Object[] r = exec("run", example("shared-bottleneck.yaml").toString(), "--out", out.toString(), "--quiet",
                "--set", "duration=3s");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        Files.delete(out.resolve("report.html"));
        assertEquals(0, exec("report", out.toString())[0]);
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void sweepRunsTheScenariosGridAndCompareRanksAlternatives() throws IOException {
        Path sw = tmp.resolve("sweep");
        Object[] r = exec("sweep", example("shared-bottleneck.yaml").toString(), "--set", "duration=2s",
                "--out", sw.toString());
        assertEquals(0, r[0], (String) r[1]);
        // the example's grid: 3 rates x 3 congestion controls = 9 points, plus the header
        assertEquals(10, Files.readAllLines(sw.resolve("sweep.csv")).size());

        Path cmp = tmp.resolve("compare");
        r = exec("compare", example("shared-bottleneck.yaml").toString(), "--cc", "lia,olia", "--seeds", "2",
                "--set", "duration=2s", "--out", cmp.toString());
        assertEquals(0, r[0], (String) r[1]);
        // one row per alternative plus the header
        assertEquals(3, Files.readAllLines(cmp.resolve("compare.csv")).size());
        assertTrue(Files.isRegularFile(cmp.resolve("report.html")));
        assertEquals(2, exec("compare", example("shared-bottleneck.yaml").toString(), "--cc", "lia,nosuch",
                "--out", tmp.resolve("c2").toString())[0]);
    }

    @Test
    void aPacketCaptureOfALinkTheScenarioDoesNotHaveIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path out = tmp.resolve("pc");
        Object[] r = exec("run", example("two-paths.yaml").toString(), "--pcap", "wifi,wlan0", "--out", out.toString(), "--quiet");
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("--pcap: no link 'wlan0'") && ((String) r[1]).contains("links: wifi, lte"), (String) r[1]);
        assertFalse(Files.exists(out), "nothing written");
        Path ok = tmp.resolve("pc-ok");
        assertEquals(0, exec("run", example("two-paths.yaml").toString(), "--pcap", "lte", "-D", "duration=1s", "--out", ok.toString(),
                "--quiet", "--no-report")[0]);
        assertTrue(Files.size(ok.resolve("pcap/lte.pcap")) > 24, "a capture with records");
    }

    @Test
    void aFileThatIsNotAKernelImageIsRefusedBeforeAnythingStarts() throws IOException {
        Path fake = tmp.resolve("bzImage");
        Files.writeString(fake, "not a kernel\n");
        Path out = tmp.resolve("kv");
        Object[] r = exec("kernel", example("lab/lab-two-paths-cubic.yaml").toString(), "--backend", "vm",
                "--kernel", fake.toString(), "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("HdrS"), (String) r[1]);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aRunThatStopsAdvancingEndsWithExit1AndALocatedMessage() throws IOException {
        // two connections and the sampler start at t = 0: with the watchdog at 1 event in a row
        // without the clock advancing, the second event at t = 0 trips it
        Path sc = tmp.resolve("stall.yaml");
        Files.writeString(sc, String.join("\n",
                "name: stall", "duration: 1s",
                "paths:", "  - {id: p, rate: 10Mbit, delay: 10ms, buffer: 1BDP}",
                "connections:", "  - {id: a, type: tcp, from: client:p, to: server}",
                "  - {id: b, type: tcp, from: client:p, to: server}", ""));
        Path out = tmp.resolve("stall-out");
        Object[] r = exec("run", sc.toString(), "--out", out.toString(), "--quiet", "--no-report", "--stall-events", "1");
        String err = (String) r[1];
        assertEquals(1, r[0], err);
        assertTrue(err.contains("internal error: " + sc + ": simulation stalled at t = 0.000000 s in connection b start: "), err);
        assertFalse(err.contains("\tat org."), "no stack trace: " + err);
        assertFalse(Files.exists(out), "nothing written");
    }

    // ---------------------------------------------------------------- issue 9: no stack trace for any input

    /**
     * The reproducers of ../shared/repro (copied to src/test/resources/fuzz), where each must be reported and how many
     * errors it has (fuzz-1102 two: connections c3 and c4 each end at a host without links; a line each).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "crash-non-utf8.yaml, 1:10, must be UTF-8, 1",
        "crash-utf16.yaml, 1:1, UTF-16, 1",
        "fuzz-0006-non-utf8.yaml, 2:67, must be UTF-8, 1",
        "fuzz-0008-non-utf8.yaml, 3:12, must be UTF-8, 1",
        "fuzz-0010-non-utf8.yaml, 9:3, must be UTF-8, 1",
        "npe-host-without-links.yaml, 11:33, host h2 has no links, 1",
        "fuzz-0300-npe-host-without-links.yaml, 51:33, host h2 has no links, 1",
        "fuzz-1102-npe-remote-null.yaml, 51:41, host h7 has no links, 2",
        "fuzz2-1453-npe-local-null.yaml, 29:31, host tcpsrc has no links, 1",
        "endpoints-typo.yaml, 10:20, unknown flag \"subflw\", 1",
        "fuzz2-0910-endpoints-unknown-flag.yaml, 10:20, unknown flag \"subClow\", 1",
        "msg-yaml-alias-read-as-name.yaml, 9:22, aliases are not supported, 1",
        "app-unknown-distribution.yaml, 10:49, unknown field \"gamma\" in a size distribution, 1",
        "app-negative-rate.yaml, 6:81, an arrival rate must be above 0, 1",
    })
    void everyReproducerIsALocatedOneParagraphExit2(String file, String lineCol, String what, int errors) {
        Path f = Path.of("src", "test", "resources", "fuzz", file);
        Path out = tmp.resolve("o");
        for (String cmd : new String[] {"check", "run"}) {
            Object[] r = checkOrRun(cmd, f, out);
            String err = (String) r[1];
            assertEquals(2, r[0], err);
            assertTrue(err.startsWith("mptcp-sim: " + f + ":" + lineCol + ": "), err);
            assertTrue(err.contains(what), err);
            assertEquals(errors, err.lines().count(), "a line per error: " + err);
            assertTrue(err.lines().allMatch(l -> l.startsWith("mptcp-sim: " + f + ":")), err);
            assertFalse(err.contains("\tat "), err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    /** A file with three independent mistakes: check and run name all three, a prefixed line each, and write nothing. */
    @Test
    void everyIndependentErrorOfAFileIsALineOfItsOwn() throws IOException {
        Path f = tmp.resolve("three.yaml");
        Files.writeString(f, String.join("\n",
                "duration: 5s",
                "kernel: {net.ipv4.tcp_congestion_control: liaa}",
                "paths:",
                "  - {id: a, rate: 10Mbt, delay: 5ms, buffer: 1BDP}",
                "  - {id: b, rate: 10Mbit, delay: 5ms, bufer: 1BDP}", ""));
        Path out = tmp.resolve("o");
        for (String cmd : new String[] {"check", "run"}) {
            Object[] r = checkOrRun(cmd, f, out);
            String err = (String) r[1];
            assertEquals(2, r[0], err);
            List<String> lines = err.lines().toList();
            assertEquals(3, lines.size(), err);
            assertTrue(lines.get(0).startsWith("mptcp-sim: " + f + ":2:43: kernel.net.ipv4.tcp_congestion_control: "), err);
            assertTrue(lines.get(1).startsWith("mptcp-sim: " + f + ":4:19: paths[a].rate: "), err);
            assertTrue(lines.get(2).startsWith("mptcp-sim: " + f + ":5:39: paths[b].bufer: unknown field"), err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    /** Ranking by completion times or stalls needs a scenario that has them; refused before any run. */
    @Test
    void compareRanksByFctOnlyWhenTheScenarioHasTransfers() {
        Path ex = Path.of("..", "scenarios", "examples", "two-paths.yaml");
        Object[] r = exec("compare", ex.toString(), "--cc", "lia,olia", "--rank-by", "fct_p99", "--out",
                tmp.resolve("c").toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("--rank-by fct_p99_ms: the scenario has no transfers"), (String) r[1]);
        r = exec("compare", ex.toString(), "--cc", "lia,olia", "--rank-by", "stall_time", "--out",
                tmp.resolve("c").toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("has no stream"), (String) r[1]);
        assertFalse(Files.exists(tmp.resolve("c")), "nothing written");
    }

    /** A bad CDF file is reported at its own file and line (not the scenario's), exit 2, one paragraph. */
    @Test
    void aCdfFileThatIsNotMonotoneIsReportedAtItsLine() {
        Path f = Path.of("src", "test", "resources", "fuzz", "app-cdf-not-monotone.yaml");
        Path cdf = f.toAbsolutePath().getParent().resolve("app-cdf-not-monotone.txt");
        Path out = tmp.resolve("o");
        for (String cmd : new String[] {"check", "run"}) {
            Object[] r = checkOrRun(cmd, f, out);
            String err = (String) r[1];
            assertEquals(2, r[0], err);
            assertTrue(err.startsWith("mptcp-sim: " + cdf + ":4:1: connections[f1].app.flows.size.cdf: the CDF is not"
                    + " monotone"), err);
            assertEquals(1, err.lines().count(), "one paragraph: " + err);
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void progressOffATerminalIsOneLinePerTenthOfSimulatedTimeAndAHeartbeat() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] wall = {0};
        Progress p = new Progress("run x", new PrintStream(buf, true, StandardCharsets.UTF_8), false, () -> wall[0]);
        long end = 1_000_000;
        // 200 updates over the run, 3 wall seconds apart after the first 2 s: one line per tenth
        for (int i = 1; i <= 200; i++) {
            wall[0] = 2_000_000_000L + i * 10_000_000L;
            p.update(end * i / 200, end);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(10, lines.length, buf.toString(StandardCharsets.UTF_8));
        assertTrue(lines[0].startsWith("run x:  10.0%"), lines[0]);
        assertTrue(lines[9].startsWith("run x: 100.0%"), lines[9]);
        // a run stuck at 50 % of simulated time still prints every HEARTBEAT_NS of wall time
        buf.reset();
        for (int i = 1; i <= 4; i++) {
            wall[0] += Progress.HEARTBEAT_NS;
            p.update(end / 2, end);
        }
        assertEquals(4, buf.toString(StandardCharsets.UTF_8).split("\n").length);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains(" 50.0%"));
    }

    /** validate --reference: the simulator against recorded kernel runs (here the committed out-of-tree A1_reno runs). */
    @Test
    void validateAgainstRecordedKernelRuns() throws IOException {
        Path ref = Path.of("..", "kernel-lab", "src", "test", "resources", "reference-oot", "lab-oot-a1-reno");
        Path out = tmp.resolve("val");
        // A1_reno: two separate 1-BDP paths are deterministic in this kernel too (spread <= 0.3 %), one seed suffices
        Object[] r = exec("validate", example("lab/lab-oot-a1-reno.yaml").toString(), "--reference", ref.toString(),
                "--sim-runs", "1", "--out", out.toString());
        assertEquals(0, r[0], (String) r[1]);
        String verdict = Files.readString(out.resolve("verdict.txt"));
        assertTrue(verdict.contains("connection 0 = m1: mptcp, cc reno, pm fullmesh, scheduler default"), verdict);
        assertTrue(verdict.contains("0/conn   appGoodputMbps"), verdict);
        Object[] bad = exec("validate", example("lab/lab-oot-a1-reno.yaml").toString(), "--reference", tmp.toString(),
                "--out", tmp.resolve("v2").toString());
        assertEquals(2, bad[0], (String) bad[1]);
        assertTrue(((String) bad[1]).contains("not a run directory"), (String) bad[1]);
    }

    /**
     * A reference must be a kernel run of the same scenario: a simulator run given as --reference would hold the
     * simulator to itself (it passed, exit 0, before), and a kernel run of another scenario compares unlike things.
     */
    @Test
    void validateRefusesASimulatorRunOrAnotherScenarioAsReference() throws IOException {
        Path simRun = tmp.resolve("simrun");
        assertEquals(0, exec("run", example("lab/lab-oot-a1-reno.yaml").toString(), "--out", simRun.toString(), "--quiet",
                "--no-report", "--set", "duration=2s")[0]);
        Object[] r = exec("validate", example("lab/lab-oot-a1-reno.yaml").toString(), "--reference", simRun.toString(),
                "--sim-runs", "1", "--out", tmp.resolve("v-sim").toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("is not a kernel run") && ((String) r[1]).contains("source sim"), (String) r[1]);
        assertFalse(Files.exists(tmp.resolve("v-sim")), "nothing written");
        Path other = Path.of("..", "kernel-lab", "src", "test", "resources", "reference-oot", "lab-oot-a1-reno");
        Object[] o = exec("validate", example("lab/lab-two-paths-reno.yaml").toString(), "--reference", other.toString(),
                "--sim-runs", "1", "--out", tmp.resolve("v-other").toString());
        assertEquals(2, o[0], (String) o[1]);
        assertTrue(((String) o[1]).contains("records scenario lab-oot-a1-reno, not lab-two-paths-reno"), (String) o[1]);
        assertFalse(Files.exists(tmp.resolve("v-other")), "nothing written");
    }

    /**
     * A damaged file in a run directory (here summary.json cut short, as a full disk or an interrupted copy leaves it)
     * is the user's input: located (file, line, column), exit 2, and nothing is drawn; not an internal error.
     */
    @Test
    void reportOfADamagedRunNamesTheFileAndWritesNothing() throws IOException {
        Path out = tmp.resolve("dmg");
        assertEquals(0, exec("run", example("two-paths.yaml").toString(), "--out", out.toString(), "--quiet",
                "--no-report", "--set", "duration=2s")[0]);
        String summary = Files.readString(out.resolve("summary.json"));
        // cut inside the third line: the parser meets the end of input on line 3
        int cut = summary.indexOf('\n', summary.indexOf('\n') + 1) + 5;
        Files.writeString(out.resolve("summary.json"), summary.substring(0, cut));
        Object[] r = exec("report", out.toString());
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        assertTrue(err.contains("summary.json:3:"), err);
        assertFalse(err.contains("internal error"), err);
        assertFalse(Files.exists(out.resolve("report.html")), "nothing drawn from a damaged run");
        assertFalse(Files.exists(out.resolve("charts")), "nothing drawn from a damaged run");
    }

    /** validate --reference reads every recorded run in full first: a truncated CSV row is refused, located, before any output. */
    @Test
    void validateRefusesADamagedRecordedRun() throws IOException {
        Path src = Path.of("..", "kernel-lab", "src", "test", "resources", "reference-oot", "lab-oot-a1-reno");
        Path ref = tmp.resolve("ref");
        for (String run : new String[] {"run-1", "run-2"}) {
            Files.createDirectories(ref.resolve(run));
            try (var files = Files.list(src.resolve(run))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, ref.resolve(run).resolve(f.getFileName()));
                }
            }
        }
        // run-2's subflows.csv loses the end of its last row (a copy interrupted mid-write)
        Path csv = ref.resolve("run-2").resolve("subflows.csv");
        String text = Files.readString(csv);
        Files.writeString(csv, text.substring(0, text.length() - 12));
        int rows = text.split("\n").length;
        Path out = tmp.resolve("val");
        Object[] r = exec("validate", example("lab/lab-oot-a1-reno.yaml").toString(), "--reference", ref.toString(),
                "--sim-runs", "1", "--out", out.toString());
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        // the cut row is the file's last line
        assertTrue(err.contains("run-2/subflows.csv:" + rows + ":"), err);
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(tmp.resolve("val.failed")), "no failed-run directory for bad input");
    }

    @Test
    void compareWindowIsCheckedBeforeAnyRun() {
        Path out = tmp.resolve("c1");
        Object[] r = exec("compare", example("two-paths.yaml").toString(), "--cc", "lia", "--seeds", "1", "--window",
                "20,10", "--rank-by", "event_goodput", "--set", "duration=2s", "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("the start (20.0 s) must be before the end (10.0 s)"), (String) r[1]);
        r = exec("compare", example("two-paths.yaml").toString(), "--cc", "lia", "--window", "1,10", "--set",
                "duration=2s", "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("after the end of the run"), (String) r[1]);
        r = exec("compare", example("two-paths.yaml").toString(), "--cc", "lia", "--rank-by", "event_goodput",
                "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("needs --window"), (String) r[1]);
        r = exec("compare", example("two-paths.yaml").toString(), "--cc", "lia", "--window", "0,1,1,2", "--out",
                out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("--window 0,1,1,2: takes two times"), (String) r[1]);
        r = exec("compare", example("two-paths.yaml").toString(), "--cc", "lia", "--window", "1,x", "--out",
                out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("--window 1,x: 'x' is not a time in seconds"), (String) r[1]);
        // the help promises one window, not several (picocli's synopsis of a split option said T1,T2[,T1,T2...])
        String help = (String) CommandLineHabitsTest.exec("compare", "--help")[1];
        assertTrue(help.contains("--window=T1,T2 ") && !help.contains("T1,T2["), help);
        assertFalse(Files.exists(out), "nothing ran");
    }

    @Test
    void compareRefusesABlankOrRepeatedAlternativeAsAFlagError() {
        Path out = tmp.resolve("c-dup");
        String[][] cases = {
            {"--cc", "lia,lia", "--cc lia,lia: lia is given twice"},
            {"--cc", "lia", "--cc", "lia", "--cc lia,lia: lia is given twice"},
            {"--pm", "fullmesh, fullmesh", "--pm fullmesh, fullmesh: fullmesh is given twice"},
            {"--cc", "", "--cc : an empty name"},
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("compare",
                    example("two-paths.yaml").toString(), "--seeds", "1", "--out", out.toString()));
            args.addAll(java.util.List.of(c).subList(0, c.length - 1));
            Object[] r = exec(args.toArray(String[]::new));
            String err = (String) r[1];
            assertEquals(2, r[0], err);
            assertTrue(err.contains(c[c.length - 1]), err);
            assertTrue(err.contains("allowed: comma-separated distinct names"), err);
            assertFalse(err.contains("internal error"), err);
            assertFalse(Files.exists(out), "nothing ran");
        }
    }

    @Test
    void sweepFlagsAreCheckedBeforeAnyPointRuns() {
        Path out = tmp.resolve("s");
        Object[] r = exec("sweep", example("shared-bottleneck.yaml").toString(), "--x", "bogus", "--set", "duration=1s",
                "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("--x bogus") && ((String) r[1]).contains("links.bottleneck.rate"),
                (String) r[1]);
        assertFalse(Files.exists(out), "no point ran");
        r = exec("sweep", example("two-paths.yaml").toString(), "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("no sweep: block"), (String) r[1]);
        assertFalse(Files.exists(out));
    }

    @Test
    void resumingADamagedSweepCsvIsALocatedExit2() throws IOException {
        Path sc = tmp.resolve("sw.yaml");
        Files.writeString(sc, "name: sw\nduration: 1s\npaths:\n  - {id: a, rate: 10Mbit, delay: 10ms, buffer: 1BDP}\n"
                + "sweep: {seed: [1, 2]}\n");
        Path out = tmp.resolve("sw");
        Object[] r = exec("sweep", sc.toString(), "--out", out.toString());
        assertEquals(0, r[0], (String) r[1]);
        Path csv = out.resolve("sweep.csv");
        // the goodput cell of point 0's row (line 2: point, seed, then goodput_mbps)
        String edited = Files.readString(csv).replaceFirst("(?m)^0,1,[^,]*", "0,1,fast");
        Files.writeString(csv, edited);
        r = exec("sweep", sc.toString(), "--out", out.toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains(csv + ":2: point 0: goodput_mbps 'fast' is not a number"), (String) r[1]);
        assertFalse(((String) r[1]).contains("internal error"), (String) r[1]);
        assertEquals(edited, Files.readString(csv), "the user's file is left as it was");
    }

    @Test
    void outPathsThatCannotBeRunDirectoriesDoNotCrash() throws IOException {
        Path afile = tmp.resolve("afile");
        Files.writeString(afile, "hi\n");
        for (String o : new String[] {"/", afile.resolve("x").toString()}) {
            Object[] r = exec("run", example("two-paths.yaml").toString(), "--set", "duration=1s", "--quiet", "--no-report",
                    "--out", o);
            assertEquals(2, r[0], (String) r[1]);
            assertFalse(((String) r[1]).contains("\tat ") || ((String) r[1]).contains("internal error"), (String) r[1]);
        }
        assertEquals("hi\n", Files.readString(afile), "the file in the way is untouched");
    }

    @Test
    void outOfMemoryBlamesTheSweepGridWhileItIsBoundAndTheRunOtherwise() throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        assertEquals(1, Main.report(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(w, true), false));
        assertTrue(w.toString().contains("the scenario needs more than this JVM's heap; shorten duration, raise sample,"
                + " or give java more memory"), w.toString());
        Main.outOfMemoryHint = "the sweep grid of 7880599 points needs more than this JVM's heap; give the axes fewer"
                + " values, split the sweep with --shard I/N, or";
        try {
            w = new java.io.StringWriter();
            Main.report(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(w, true), false);
            assertTrue(w.toString().contains("out of memory: the sweep grid of 7880599 points"), w.toString());
            assertFalse(w.toString().contains("duration"), w.toString());
        } finally {
            Main.outOfMemoryHint = null;
        }
        // a grid above the limit is refused up front instead (1000 x 1001 = 1 001 000 points)
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 1001; i++) {
            a.append(i <= 1000 ? (i > 1 ? "," : "") + i : "");
            b.append(i > 1 ? "," : "").append(i).append("Mbit");
        }
        Path sc = tmp.resolve("big.yaml");
        Files.writeString(sc, "name: big\nduration: 1s\npaths:\n  - {id: a, rate: 10Mbit, delay: 10ms, buffer: 1BDP}\n"
                + "sweep: {seed: [" + a + "], links.a.rate: [" + b + "]}\n");
        Object[] r = exec("sweep", sc.toString(), "--out", tmp.resolve("big").toString());
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("the sweep grid has 1001000 points (1000 seed x 1001 links.a.rate)"),
                (String) r[1]);
        assertFalse(Files.exists(tmp.resolve("big")));
    }

    @Test
    void anInternalErrorIsOneParagraphWithTheTraceOnlyUnderDebug() {
        java.io.StringWriter w = new java.io.StringWriter();
        int code = Main.report(new IllegalStateException("boom"), new java.io.PrintWriter(w, true), false);
        assertEquals(Main.INTERNAL, code);
        String s = w.toString();
        assertTrue(s.startsWith("mptcp-sim: internal error: java.lang.IllegalStateException: boom at "), s);
        assertTrue(s.contains("please report it, with the scenario"), s);
        assertEquals(1, s.lines().count(), s);
        w = new java.io.StringWriter();
        Main.report(new IllegalStateException("boom"), new java.io.PrintWriter(w, true), true);
        assertTrue(w.toString().contains("\tat "), "--debug prints the trace");
        // --debug is accepted after the subcommand too
        assertEquals(2, exec("check", tmp.resolve("nope.yaml").toString(), "--debug")[0]);
    }

    @Test
    void checkLoadsAndBuildsWithoutWriting() {
        Object[] r = exec("check", example("datacenter-ndiffports.yaml").toString());
        assertEquals(0, r[0], (String) r[1]);
    }

    @Test
    void checkListsTheExplicitRoutesAndTheSubflowsTakeThem() throws IOException {
        // the diamond of ExplicitRoutesTest: shortest a > p, the route a > q1 > q2
        Path f = tmp.resolve("routed.yaml");
        Files.writeString(f, String.join("\n",
                "name: diamond",
                "duration: 2s",
                "kernel: {net.ipv4.tcp_congestion_control: reno}",
                "nodes:",
                "  - {id: client, type: host}",
                "  - {id: server, type: host}",
                "  - {id: s1, type: switch}",
                "  - {id: s2, type: switch}",
                "links:",
                "  - {id: a, from: client, to: s1, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}",
                "  - {id: b, from: client, to: s1, rate: 1Gbit, delay: 1ms, buffer: 1000pkt}",
                "  - {id: p, from: s1, to: server, rate: 10Mbit, delay: 5ms, buffer: 1BDP}",
                "  - {id: q1, from: s1, to: s2, rate: 4Mbit, delay: 10ms, buffer: 1BDP}",
                "  - {id: q2, from: s2, to: server, rate: 100Mbit, delay: 5ms, buffer: 1000pkt}",
                "routes:",
                "  - {from: client, to: server, via: [a, q1, q2]}",
                "connections:",
                "  - {id: t1, type: tcp, from: client:a, to: server}", ""));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, exec("check", f.toString())[0]);
        } finally {
            System.setOut(old);
        }
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("  explicit routes (for their address pair, both ways; replace shortest-path ECMP):\n"
                + "    client -> server  via a > q1 > q2\n"), s);
        // before: "via a > p", the shortest path, whatever the route said
        assertTrue(s.contains("t1 sf0  client:a -> server:p  via a > q1 > q2"), s);
    }
}
