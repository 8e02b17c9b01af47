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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * Issue 9's data-loss reproducers as tests (/work/shared/repro/repro-data-loss.sh): every command
 * driven in-process with its working directory in a temporary directory ({@link Main#executeIn}),
 * so that {@code --out ''} and {@code --out .} are tried for real. A refusal is exit 2, before
 * anything runs, with the foreign files intact.
 */
class OutputSafetyTest {
    @TempDir
    Path cwd;

    static final String TWO_PATHS = CliTest.example("two-paths.yaml").toAbsolutePath().toString();
    static final String SHARED = CliTest.example("shared-bottleneck.yaml").toAbsolutePath().toString();
    static final String LAB = CliTest.example("lab/lab-two-paths-cubic.yaml").toAbsolutePath().toString();
    static final String[] SHORT = {"--set", "duration=1s", "--quiet", "--no-report"};

    /** Runs the command line in {@link #cwd}; returns {exit code, stderr}. */
    Object[] exec(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.executeIn(cwd, args);
            return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    Object[] run(String out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("run", TWO_PATHS));
        if (out != null) {
            a.add("--out");
            a.add(out);
        }
        a.addAll(List.of(SHORT));
        a.addAll(List.of(more));
        return exec(a.toArray(String[]::new));
    }

    static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** A user's directory: important.txt and sub/thesis.tex. */
    Path victim(String name) throws IOException {
        Path d = cwd.resolve(name);
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("important.txt"), "precious");
        Files.writeString(d.resolve("sub/thesis.tex"), "x");
        return d;
    }

    /** Exit 2, a one-paragraph message without a stack trace, saying why and what to do. */
    static void assertRefused(Object[] r, String why) {
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        assertTrue(err.contains("refusing to write there") && err.contains(why), err);
        assertTrue(err.contains("Nothing was changed."), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void runIntoAMissingDirectoryCreatesItWithTheMarker() throws IOException {
        Object[] r = run("runs/new");
        assertEquals(0, r[0], (String) r[1]);
        Path d = cwd.resolve("runs/new");
        assertTrue(Files.isRegularFile(d.resolve("summary.json")));
        String marker = Files.readString(d.resolve(OutputDir.MARKER));
        assertTrue(marker.startsWith(OutputDir.HEADER + "\ncommand: run\nscenario: two-paths\nversion: "), marker);
    }

    @Test
    void runningTwiceIntoTheDefaultReplacesTheEarlierRunAndSaysSo() throws IOException {
        assertEquals(0, run(null)[0]);
        Path d = cwd.resolve("runs/two-paths");
        // a file of an earlier run's kind that this run does not write (two-paths has no transfers)
        Files.writeString(d.resolve("flows.csv"), "old");
        Object[] r = run(null);
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("mptcp-sim: replaced the earlier run output in " + d), (String) r[1]);
        assertFalse(Files.exists(d.resolve("flows.csv")), "replaced whole, not merged");
        assertEquals(List.of("two-paths"), Files.list(cwd.resolve("runs")).map(p -> p.getFileName().toString()).toList(),
                "no temporary or renamed-aside sibling left");
    }

    @Test
    void runIntoAnEmptyDirectoryUsesIt() throws IOException {
        Files.createDirectories(cwd.resolve("empty"));
        assertEquals(0, run("empty")[0]);
        assertTrue(Files.isRegularFile(cwd.resolve("empty/summary.json")));
    }

    @Test
    void runIntoAForeignDirectoryIsRefusedAndItsFilesStay() throws IOException {
        Path v = victim("victim");
        List<String> before = tree(v);
        assertRefused(run("victim"), "is not empty and is not an mptcp-sim output directory");
        assertEquals(before, tree(v));
        assertEquals("x", Files.readString(v.resolve("sub/thesis.tex")));
        assertFalse(Files.exists(cwd.resolve("runs")));
    }

    @Test
    void runIntoAFileIsRefusedAndTheFileStays() throws IOException {
        Files.writeString(cwd.resolve("notes.txt"), "precious");
        assertRefused(run("notes.txt"), "is a file, not a directory");
        assertEquals("precious", Files.readString(cwd.resolve("notes.txt")));
    }

    @Test
    void runIntoTheRootIsRefused() {
        assertRefused(run("/"), "is the root directory");
    }

    @Test
    void runIntoTheWorkingDirectoryIsRefused() throws IOException {
        Files.writeString(cwd.resolve("keep.txt"), "precious");
        assertRefused(run("."), "is the current working directory");
        assertEquals(List.of("", "keep.txt"), tree(cwd));
    }

    @Test
    void runIntoAnEmptyOutIsRefused() throws IOException {
        Files.writeString(cwd.resolve("keep.txt"), "precious");
        Files.createDirectories(cwd.resolve("src"));
        Files.writeString(cwd.resolve("src/Main.java"), "code");
        List<String> before = tree(cwd);
        assertRefused(run(""), "unset shell variable");
        assertEquals(before, tree(cwd));
    }

    @Test
    void runBelowAFileIsRefused() throws IOException {
        Files.writeString(cwd.resolve("afile"), "precious");
        assertRefused(run("afile/x"), "is a file");
        assertEquals("precious", Files.readString(cwd.resolve("afile")));
    }

    @Test
    void aNameWithDotDotStaysUnderRuns() throws IOException {
        Path work = Files.createDirectories(cwd.resolve("e/work/runs")).getParent();
        Path victim2 = Files.createDirectories(cwd.resolve("e/victim2/deep"));
        Files.writeString(victim2.resolve("keep.txt"), "precious");
        Path sc = cwd.resolve("delete-by-name.yaml");
        Files.writeString(sc, Files.readString(Path.of(TWO_PATHS)).replace("name: two-paths", "name: ../../victim2"));
        PrintStream old = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.executeIn(work, "run", sc.toString(), "--set", "duration=1s", "--quiet", "--no-report");
        } finally {
            System.setErr(old);
        }
        assertEquals(0, code);
        assertEquals(List.of("", "deep", "deep/keep.txt"), tree(cwd.resolve("e/victim2")));
        assertTrue(Files.isRegularFile(work.resolve("runs/___.._victim2/summary.json")));
    }

    @Test
    void aThreeHundredCharacterNameWorks() throws IOException {
        Path sc = cwd.resolve("long.yaml");
        String name = "n".repeat(300);
        Files.writeString(sc, Files.readString(Path.of(TWO_PATHS)).replace("name: two-paths", "name: " + name));
        Object[] r = exec("run", sc.toString(), "--set", "duration=1s", "--quiet", "--no-report");
        assertEquals(0, r[0], (String) r[1]);
        Path d = cwd.resolve("runs").resolve(OutputDir.safeName(name));
        assertEquals(OutputDir.MAX_NAME, d.getFileName().toString().length());
        assertTrue(Files.isRegularFile(d.resolve("summary.json")));
    }

    @Test
    void aRunWhoseOutputWouldExceedTheLimitIsRefusedUnlessAllowed() {
        Object[] r = exec("run", TWO_PATHS, "--quiet", "--set", "sample=1ms", "--set", "duration=100000s");
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("more than the largest allowed output of 1.0 GiB"), (String) r[1]);
        assertFalse(Files.exists(cwd.resolve("runs")));
        r = exec("run", TWO_PATHS, "--quiet", "--set", "sample=1ns");
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("below the smallest allowed sample interval, 1ms"), (String) r[1]);
    }

    @Test
    void compareRefusesAForeignOutputBeforeAnyRun() throws IOException {
        Path v = victim("victim");
        List<String> before = tree(v);
        assertRefused(exec("compare", TWO_PATHS, "--cc", "lia,olia", "--seeds", "1", "--set", "duration=1s", "--out", "victim"),
                "is not empty and is not an mptcp-sim output directory");
        assertEquals(before, tree(v));
        assertRefused(exec("compare", TWO_PATHS, "--cc", "lia", "--seeds", "1", "--out", ""), "unset shell variable");
    }

    @Test
    void compareReplacesItsOwnEarlierOutput() throws IOException {
        String[] args = {"compare", TWO_PATHS, "--cc", "lia", "--seeds", "1", "--set", "duration=1s", "--out", "cmp"};
        assertEquals(0, exec(args)[0]);
        Path d = cwd.resolve("cmp");
        assertTrue(OutputDir.isOurs(d) && OutputDir.isOurs(d.resolve("runs/lia/seed-1")), "the compare and its runs carry the marker");
        Files.writeString(d.resolve("charts/compare-old.png"), "from the first compare");
        Object[] r = exec(args);
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("replaced the earlier compare output"), (String) r[1]);
        assertFalse(Files.exists(d.resolve("charts/compare-old.png")));
    }

    @Test
    void sweepRefusesAForeignOutputOrPointDirectoryBeforeAnyPoint() throws IOException {
        Path v = victim("victim");
        List<String> before = tree(v);
        assertRefused(exec("sweep", SHARED, "--set", "duration=1s", "--out", "victim"), "is not an mptcp-sim output directory");
        assertEquals(before, tree(v));
        Path sw = cwd.resolve("sw");
        Files.createDirectories(sw);
        OutputDir.writeMarker(sw, "sweep", "shared-bottleneck.yaml");
        Path p0 = Files.createDirectories(sw.resolve("points/p0"));
        Files.writeString(p0.resolve("mine.txt"), "precious");
        assertRefused(exec("sweep", SHARED, "--set", "duration=1s", "--out", "sw"), "did not write (points/p0/mine.txt)");
        assertEquals("precious", Files.readString(p0.resolve("mine.txt")));
        assertEquals(List.of("", ".mptcp-sim-run", "points", "points/p0", "points/p0/mine.txt"), tree(sw), "no point ran");
    }

    @Test
    void reportOnlyWritesIntoARunDirectory() throws IOException {
        Path v = victim("victim");
        Files.writeString(v.resolve("summary.json"), "{}");
        List<String> before = tree(v);
        assertRefused(exec("report", "victim"), "is not a run directory");
        assertEquals(before, tree(v));
        Files.writeString(cwd.resolve("notes.txt"), "precious");
        assertRefused(exec("report", "notes.txt"), "is not a directory");
        assertRefused(exec("report", ""), "is not a directory");
    }

    @Test
    void kernelRefusesAForeignOutputOrFailedDirectoryBeforeTheLab() throws IOException {
        Path v = victim("victim");
        List<String> before = tree(v);
        assertRefused(exec("kernel", LAB, "--out", "victim"), "is not an mptcp-sim output directory");
        assertEquals(before, tree(v));
        Path failed = victim("k.failed");
        assertRefused(exec("kernel", LAB, "--out", "k"), "k.failed is not empty");
        assertEquals("x", Files.readString(failed.resolve("sub/thesis.tex")));
        assertFalse(Files.exists(cwd.resolve("k")));
        assertRefused(exec("kernel", LAB, "--out", "."), "is the current working directory");
    }

    @Test
    void validateRefusesAForeignOutputBeforeAnyRun() throws IOException {
        Path v = victim("victim");
        List<String> before = tree(v);
        assertRefused(exec("validate", LAB, "--out", "victim"), "is not an mptcp-sim output directory");
        assertEquals(before, tree(v));
        Files.writeString(cwd.resolve("afile"), "x");
        assertRefused(exec("validate", LAB, "--out", "afile/v"), "is a file");
    }

    /** A lab run's two targets: DIR, and DIR.failed for a run that fails (as KernelCommand.targets makes them). */
    private OutputDir[] labTargets(Path out) {
        return new OutputDir[] {OutputDir.check(cwd, out, "--out"),
                OutputDir.check(cwd, OutputDir.failedSibling(out).getFileName(), "the directory for a failed run")};
    }

    /**
     * A lab run that fails keeps its partial directory as DIR.failed, and its message names the log files where they
     * are now (DIR.failed/raw/...), not under the temporary directory the lab wrote them to, which no longer exists.
     */
    @Test
    void aFailedLabRunsMessageNamesItsLogsWhereTheyAreKept() throws Exception {
        Path out = cwd.resolve("k");
        OutputDir[] targets = labTargets(out);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> KernelCommand.intoRunDir(
                targets, "kernel", "s", dir -> {
                    Path raw = Files.createDirectories(dir.resolve("raw"));
                    Files.writeString(raw.resolve("console.log"), "panic\n");
                    throw new IOException("the guest did not finish; see " + raw.resolve("console.log"));
                }));
        Path kept = cwd.resolve("k.failed").resolve("raw").resolve("console.log");
        assertTrue(e.getMessage().contains("see " + kept + " "), e.getMessage());
        assertEquals("panic\n", Files.readString(kept));
        assertFalse(Files.exists(out), "DIR never holds half a run");
    }

    /**
     * A --kernel image that boots no lab under QEMU (VmLab's DidNotBootException, met inside intoRunDir) is bad input:
     * exit 2, one paragraph naming the console log where it is kept (DIR.failed), not an "internal error".
     */
    @Test
    void aKernelImageThatDidNotBootIsBadInputWithItsConsoleKept() throws Exception {
        Path out = cwd.resolve("k");
        OutputDir[] targets = labTargets(out);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> KernelCommand.intoRunDir(
                targets, "kernel", "s", dir -> {
                    Path raw = Files.createDirectories(dir.resolve("raw"));
                    Files.writeString(raw.resolve("console.log"), "no kernel output\n");
                    throw new org.mptcpsim.lab.VmLab.DidNotBootException("the kernel image did not boot: qemu exited 1;"
                            + " console: " + raw.resolve("console.log"));
                }));
        java.io.StringWriter w = new java.io.StringWriter();
        assertEquals(Main.BAD_INPUT, Main.report(e, new java.io.PrintWriter(w, true), false));
        Path kept = cwd.resolve("k.failed").resolve("raw").resolve("console.log");
        assertEquals("mptcp-sim: the kernel image did not boot: qemu exited 1; console: " + kept
                + " (the partial run, with its raw logs, is in " + cwd.resolve("k.failed") + ")", w.toString().strip());
        assertEquals("no kernel output\n", Files.readString(kept));
        assertFalse(Files.exists(out), "DIR never holds half a run");
    }
}
