package org.mptcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What iperf3/ss users expect of the command line: short options, help, version, quiet, check. */
class CommandLineHabitsTest {
    private static final List<String> SUBCOMMANDS = List.of("run", "check", "report", "compare", "sweep", "kernel",
            "validate");

    @TempDir
    Path tmp;

    /** Runs the command line; returns {exit code, stdout, stderr}. */
    static Object[] exec(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Object[] {code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void shortOptionsAndQuietMeansNothingOnStdout() throws Exception {
        Path out = tmp.resolve("r");
        Object[] r = exec("run", CliTest.example("two-paths.yaml").toString(), "-o", out.toString(), "-s", "7",
                "-D", "duration=2s", "-D", "net.ipv4.tcp_congestion_control=olia", "-q", "--no-report");
        assertEquals(0, r[0], (String) r[2]);
        assertEquals("", r[1], "--quiet prints nothing on success");
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"seed\" : 7"), summary);
        assertTrue(summary.contains("\"cc\" : \"olia\""), summary);
        r = exec("run", CliTest.example("two-paths.yaml").toString(), "-o", tmp.resolve("r2").toString(),
                "-D", "duration=1s", "-q", "--summary", "--no-report");
        assertTrue(((String) r[1]).contains("goodput"), "--summary prints it anyway: " + r[1]);
    }

    @Test
    void helpSubcommandAndVersionOnEverySubcommand() {
        Object[] r = exec("help", "run");
        assertEquals(0, r[0]);
        assertTrue(((String) r[1]).startsWith("Usage: mptcp-sim run"), (String) r[1]);
        for (String c : SUBCOMMANDS) {
            r = exec(c, "--version");
            assertEquals(0, r[0], c);
            assertEquals("mptcp-sim 0.1.0", ((String) r[1]).strip(), c + " --version");
        }
    }

    /**
     * A start registers only the command it runs (picocli builds every registered command's model by reflection), yet
     * the usage help, {@code help} and a mistyped command still see all of them, and options before the command
     * (--debug) do not hide it.
     */
    @Test
    void aStartBuildsOnlyTheNamedCommandButHelpAndTyposSeeAll() {
        assertEquals(List.of("run"), List.copyOf(Main.commandLineFor("run", "x.yaml", "-o", "check").getSubcommands().keySet()));
        assertEquals(List.of("check"), List.copyOf(Main.commandLineFor("--debug", "check", "x.yaml").getSubcommands().keySet()));
        List<String> all = new java.util.ArrayList<>(SUBCOMMANDS);
        all.add("help");
        assertEquals(all, List.copyOf(Main.commandLineFor().getSubcommands().keySet()));
        assertEquals(all, List.copyOf(Main.commandLineFor("help", "run").getSubcommands().keySet()));
        assertEquals(all, List.copyOf(Main.commandLineFor("--help").getSubcommands().keySet()));
        Main.COMMANDS.forEach((name, type) -> assertEquals(name, type.getAnnotation(picocli.CommandLine.Command.class).name(),
                "the start-up table names each command as its @Command does"));
        Object[] r = exec("runn", "x.yaml");
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("Did you mean: mptcp-sim run?"), (String) r[2]);
        r = exec();
        for (String c : SUBCOMMANDS) {
            assertTrue(Pattern.compile("(?m)^  " + c + " ").matcher((String) r[1]).find(), c + " in the usage help: " + r[1]);
        }
    }

    /** A scenario error met inside compare's runs is bad input (exit 2, located), not an "internal error" (exit 1). */
    @Test
    void compareReportsAScenarioErrorOfItsRunsAsBadInput() {
        Path out = tmp.resolve("cmp");
        Object[] r = exec("compare", CliTest.example("two-paths.yaml").toString(), "--cc", "lia", "--seeds", "1",
                "-D", "duration=1s", "-D", "net.ipv4.tcp_sack=0", "-o", out.toString());
        assertEquals(2, r[0], (String) r[2]);
        assertTrue(((String) r[2]).contains("net.ipv4.tcp_sack") && ((String) r[2]).contains("not modelled")
                && !((String) r[2]).contains("internal error"), (String) r[2]);
        assertTrue(!Files.exists(out), "nothing written");
    }

    /** kernel --pcap captures with the host's tcpdump: another backend is refused before anything starts (exit 2). */
    @Test
    void pcapIsRefusedOffTheHostBackend() {
        Object[] r = exec("kernel", CliTest.example("lab/lab-two-paths-cubic.yaml").toString(), "--pcap", "--backend", "vm",
                "-o", tmp.resolve("k").toString());
        assertEquals(2, r[0], (String) r[2]);
        assertTrue(((String) r[2]).contains("--pcap: the host backend only"), (String) r[2]);
        assertTrue(!Files.exists(tmp.resolve("k")), "nothing written");
    }

    /** A help text with a bare '%' (picocli formats descriptions) printed a "picocli WARN" line and the raw text. */
    @Test
    void everyHelpFormatsCleanly() {
        for (String c : SUBCOMMANDS) {
            Object[] r = exec(c, "--help");
            assertEquals(0, r[0], c);
            String all = r[1] + "" + r[2];
            assertTrue(!all.contains("picocli WARN") && !all.contains("%n"), c + " --help: " + all);
        }
    }

    /**
     * picocli wraps after a dot, so a dotted name could be split across lines
     * ("net.ipv4.\n tcp_congestion_control"): no line of any help ends inside a dotted word, i.e.
     * with a word containing a dot and ending in one, continued by an indented lower-case line.
     */
    @Test
    void helpTextIsNeverBrokenInsideADottedName() {
        Pattern dottedEnd = Pattern.compile(".*\\S+\\.\\S*[A-Za-z0-9_]\\.$");
        for (String c : SUBCOMMANDS) {
            String[] lines = ((String) exec(c, "--help")[1]).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                boolean continued = lines[i + 1].matches("^ {10,}[a-z0-9_].*");
                assertFalse(dottedEnd.matcher(lines[i]).matches() && continued,
                        c + " --help breaks a name: '" + lines[i] + "' / '" + lines[i + 1] + "'");
            }
        }
    }

    @Test
    void compareHelpListsTheAllowedValuesAndJobsIsChecked() {
        String help = (String) exec("compare", "--help")[1];
        String flat = help.replaceAll("\\s+", " ");
        // the registered plug-ins (cc-algorithms and pathmanagers modules, sim-core's defaults)
        assertTrue(flat.contains("balia, cubic, lia, olia, reno, wvegas"), help);
        assertTrue(flat.contains("default, fullmesh, kernel, ndiffports"), help);
        assertTrue(flat.contains("blest, default, redundant, roundrobin"), help);
        assertTrue(help.contains("-j, --jobs=N"), help);
        assertTrue(((String) exec("report", "--help")[1]).contains("a directory written by run"));
        Object[] r = exec("compare", CliTest.example("two-paths.yaml").toString(), "--cc", "lia", "-j", "0",
                "-o", tmp.resolve("c").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("--jobs"), (String) r[2]);
        assertFalse(Files.exists(tmp.resolve("c")));
    }

    @Test
    void checkPrintsTheExpandedScenarioAndWritesNothing() {
        Object[] r = exec("check", CliTest.example("wifi-lte-handover.yaml").toString());
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        // the paths: short form became links from client to server
        assertTrue(out.contains("wifi       client -> server  20 Mbit/s, 10 ms"), out);
        assertTrue(out.contains("at 10 s: down"), out);
        // options that differ from the defaults, located
        assertTrue(out.contains("net.mptcp.mptcp_path_manager = fullmesh (default default, set at "), out);
        // fullmesh opens one subflow per client interface: each crosses its own link
        assertTrue(out.contains("m1 sf0  client:wifi -> server  via wifi"), out);
        assertTrue(out.contains("m1 sf1  client:lte -> server  via lte"), out);
    }

    @Test
    void checkReportsEveryBadFileAndExits2() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "duration: 10s\npaths:\n  - {id: p, rate: 10Mbt, delay: 10ms, buffer: 1BDP}\n");
        Path bad2 = tmp.resolve("bad2.yaml");
        Files.writeString(bad2, "duration: 10s\npaths:\n  - {id: p, rate: 10Mbit, delay: 10ms, buffer: 1BDP}\n"
                + "connections:\n  - {id: m1, type: mptcp, from: client, to: nowhere}\n");
        Object[] r = exec("check", bad.toString(), CliTest.example("two-paths.yaml").toString(), bad2.toString(), "-q");
        assertEquals(2, r[0]);
        String err = (String) r[2];
        assertTrue(err.contains("bad.yaml:3:"), err);
        assertTrue(err.contains("bad2.yaml:5:"), err);
        assertTrue(err.contains("2 of 3 scenarios have errors"), err);
        assertEquals("", r[1], "-q: nothing for the valid file");
        try (var s = Files.list(tmp)) {
            assertEquals(2, s.count(), "check writes nothing");
        }
    }
}
