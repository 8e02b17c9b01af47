package org.mptcpsim.scenario.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-directory policy (docs/outputs.md, "Output directories"), one test per rule. */
class OutputDirTest {
    @TempDir
    Path cwd;

    private OutputDir check(String target) {
        return OutputDir.check(cwd, Path.of(target), "--out");
    }

    private String refused(String target) {
        return assertThrows(OutputDir.Refused.class, () -> check(target)).getMessage();
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A directory of a user: important.txt and sub/thesis.tex. */
    private Path foreign(String name) throws IOException {
        Path d = cwd.resolve(name);
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("important.txt"), "precious");
        Files.writeString(d.resolve("sub/thesis.tex"), "x");
        return d;
    }

    @Test
    void aMissingDirectoryIsCreatedOnCommit() throws IOException {
        OutputDir d = check("runs/new");
        assertEquals(OutputDir.State.MISSING, d.state());
        assertEquals(cwd.resolve("runs/new"), d.path());
        Path tmp = d.newTemp("run", "s");
        Files.writeString(tmp.resolve("summary.json"), "{}");
        assertFalse(d.commit(tmp), "nothing was replaced");
        assertTrue(OutputDir.isOurs(d.path()));
        assertEquals(List.of("", ".mptcp-sim-run", "summary.json"), tree(d.path()));
        assertEquals(List.of("new"), children(cwd.resolve("runs")), "no temporary sibling left");
    }

    @Test
    void anEarlierRunOfOursIsReplacedWhole() throws IOException {
        Path old = cwd.resolve("runs/r");
        Files.createDirectories(old);
        OutputDir.writeMarker(old, "run", "s");
        Files.writeString(old.resolve("subflows.csv"), "old");
        Files.createDirectories(old.resolve("charts"));
        Files.writeString(old.resolve("charts/cwnd.png"), "old");
        OutputDir d = check("runs/r");
        assertEquals(OutputDir.State.EARLIER_RUN, d.state());
        assertEquals("run", d.earlierCommand().orElseThrow());
        Path tmp = d.newTemp("run", "s");
        Files.writeString(tmp.resolve("summary.json"), "{}");
        assertTrue(d.commit(tmp));
        assertEquals(List.of("", ".mptcp-sim-run", "summary.json"), tree(old), "the old run's files are gone");
        assertEquals(List.of("r"), children(cwd.resolve("runs")), "the renamed-aside old run was deleted");
    }

    /**
     * A directory of ours that also holds what mptcp-sim did not write (a notes file beside summary.json, a directory
     * of the user's, a file among the charts, a link) is refused, and everything in it stays; what the writers put
     * there (charts, a capture, a kernel run's raw files, nested outputs with their own marker) is replaced.
     */
    @Test
    void anEarlierRunHoldingTheUsersFilesIsRefusedAndKept() throws IOException {
        Path old = cwd.resolve("runs/r");
        Files.createDirectories(old.resolve("charts"));
        OutputDir.writeMarker(old, "run", "s");
        Files.writeString(old.resolve("summary.json"), "{}");
        Files.writeString(old.resolve("charts/cwnd.svg"), "<svg/>");
        Files.createDirectories(old.resolve("raw/pcap"));
        Files.writeString(old.resolve("raw/trace.txt"), "t");
        Files.writeString(old.resolve("raw/pcap/rb-s.pcap"), "p");
        Files.createDirectories(old.resolve("runs/lia/seed-1"));
        OutputDir.writeMarker(old.resolve("runs/lia/seed-1"), "run", "s");
        assertEquals(OutputDir.State.EARLIER_RUN, check("runs/r").state(), "only what the writers put there");
        for (String mine : List.of("my-analysis.txt", "mydata/", "charts/my-plot.pdf", "runs/lia/seed-1/notes.md", "runs/lia/notes.txt")) {
            Path p = old.resolve(mine);
            if (mine.endsWith("/")) {
                Files.createDirectories(p);
            } else {
                Files.writeString(p, "mine");
            }
            String msg = refused("runs/r");
            assertTrue(msg.contains("did not write") && msg.contains(Path.of(mine).toString()), msg);
            assertTrue(Files.exists(p), "the user's " + mine + " is kept");
            OutputDir.deleteTree(p);
        }
        Files.createSymbolicLink(old.resolve("link"), old.resolve("summary.json"));
        assertTrue(refused("runs/r").contains("link"));
        assertTrue(Files.exists(old.resolve("summary.json")));
    }

    /**
     * A run directory gets the permissions of any directory the user creates (the umask), as a sweep's or an empty
     * one's: the temporary directory it is renamed from is not made with createTempDirectory's 0700. Compared with
     * a directory made the plain way beside it, so the test holds under any umask.
     */
    @Test
    void aRunDirectoryFollowsTheUmask() throws IOException {
        Path plain = Files.createDirectory(cwd.resolve("plain"));
        OutputDir d = check("runs/r");
        Path tmp = d.newTemp("run", "s");
        d.commit(tmp);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(d.path()));
    }

    /** A place no directory can be made in (/proc, even for root) is named as given, not by our temporary's name. */
    @Test
    void aTargetOnAFileSystemThatRefusesDirectoriesIsNamedAsGiven() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        OutputDir d = check("/proc/mptcp-sim-out");
        String msg = assertThrows(OutputDir.Refused.class, () -> d.newTemp("run", "s")).getMessage();
        assertTrue(msg.startsWith("--out /proc/mptcp-sim-out: cannot create a directory in /proc"), msg);
        assertFalse(msg.contains(".tmp-"), msg);
        assertThrows(OutputDir.Refused.class, () -> d.fresh("sweep", "s"));
    }

    @Test
    void anEmptyDirectoryIsUsed() throws IOException {
        Files.createDirectories(cwd.resolve("empty"));
        OutputDir d = check("empty");
        assertEquals(OutputDir.State.EMPTY, d.state());
        Path tmp = d.newTemp("run", "s");
        assertFalse(d.commit(tmp));
        assertTrue(OutputDir.isOurs(cwd.resolve("empty")));
    }

    @Test
    void aForeignDirectoryIsRefusedAndKeepsItsFiles() throws IOException {
        Path d = foreign("victim");
        List<String> before = tree(d);
        String msg = refused("victim");
        assertTrue(msg.contains("is not empty and is not an mptcp-sim output directory"), msg);
        assertTrue(msg.contains("--out runs/new"), msg);
        assertEquals(before, tree(d));
        assertEquals("x", Files.readString(d.resolve("sub/thesis.tex")));
    }

    @Test
    void aForeignDirectoryThatAppearsBeforeTheCommitIsRefusedToo() throws IOException {
        OutputDir d = check("late");
        Path tmp = d.newTemp("run", "s");
        foreign("late");
        assertThrows(OutputDir.Refused.class, () -> d.commit(tmp));
        assertEquals("precious", Files.readString(cwd.resolve("late/important.txt")));
    }

    @Test
    void aFileIsRefusedAndKept() throws IOException {
        Files.writeString(cwd.resolve("notes.txt"), "precious");
        assertTrue(refused("notes.txt").contains("is a file, not a directory"));
        assertEquals("precious", Files.readString(cwd.resolve("notes.txt")));
    }

    @Test
    void theRootIsRefused() {
        assertTrue(refused("/").contains("is the root directory"));
    }

    @Test
    void theWorkingDirectoryIsRefused() {
        assertTrue(refused(".").contains("is the current working directory"));
        assertTrue(refused("runs/..").contains("is the current working directory"));
    }

    @Test
    void theEmptyStringIsRefused() {
        String msg = refused("");
        assertTrue(msg.contains("--out '': refusing") && msg.contains("unset shell variable"), msg);
    }

    @Test
    void anAncestorOfTheWorkingDirectoryIsRefused() throws IOException {
        Path inner = Files.createDirectories(cwd.resolve("a/b"));
        String msg = assertThrows(OutputDir.Refused.class, () -> OutputDir.check(inner, Path.of(".."), "--out")).getMessage();
        assertTrue(msg.contains("contains the current working directory"), msg);
    }

    @Test
    void aPathBelowAFileIsRefused() throws IOException {
        Files.writeString(cwd.resolve("afile"), "x");
        assertTrue(refused("afile/x/y").contains("cannot be created: " + cwd.resolve("afile") + " is a file"));
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        Path target = foreign("real");
        Files.createSymbolicLink(cwd.resolve("link"), target);
        assertTrue(refused("link").contains("is a symbolic link"));
        assertEquals("precious", Files.readString(target.resolve("important.txt")));
    }

    @Test
    void aMarkerWithAnotherFirstLineIsNotOurs() throws IOException {
        Path d = foreign("lookalike");
        Files.writeString(d.resolve(OutputDir.MARKER), "something else\n");
        refused("lookalike");
    }

    @Test
    void namesAreSafeFileNamesUnderRuns() {
        assertEquals("two-paths", OutputDir.safeName("two-paths"));
        assertEquals("___.._victim2", OutputDir.safeName("../../victim2"));   // dots kept inside, never leading
        assertEquals(Path.of("runs", "___.._victim2"), OutputDir.defaultDir("", "../../victim2", ""));
        assertEquals("__", OutputDir.safeName(".."));
        assertEquals("a_b_c", OutputDir.safeName("a b/c"));
        assertEquals("caf_", OutputDir.safeName("café"));
        assertEquals("unnamed", OutputDir.safeName(""));
        String longName = "x".repeat(300);
        String s = OutputDir.safeName(longName);
        assertEquals(OutputDir.MAX_NAME, s.length());
        assertTrue(s.startsWith("x".repeat(55) + "-"), s);
        assertNotEquals(s, OutputDir.safeName("x".repeat(299) + "y"), "distinct long names stay distinct");
        for (String n : new String[] {"../../victim2", "/etc", "..", ".", "a/../../b", longName}) {
            Path p = cwd.resolve(OutputDir.defaultDir("", n, "-kernel")).normalize();
            assertEquals(cwd.resolve("runs"), p.getParent(), n);
        }
    }

    /** The PID of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.pid();
    }

    @Test
    void staleTemporariesOfKilledRunsAreRemovedConservatively() throws Exception {
        Path runs = Files.createDirectories(cwd.resolve("runs"));
        long dead = deadPid();
        Path stale = Files.createDirectories(runs.resolve(".r.tmp-" + dead + "-123"));
        OutputDir.writeMarker(stale, "run", "s");
        Files.writeString(stale.resolve("subflows.csv"), "half");
        Path staleOld = Files.createDirectories(runs.resolve(".r.old-" + dead + "-7"));
        OutputDir.writeMarker(staleOld, "run", "s");
        Path noMarker = Files.createDirectories(runs.resolve(".r.tmp-" + dead + "-456"));
        Files.writeString(noMarker.resolve("subflows.csv"), "half");
        Path foreignFile = Files.createDirectories(runs.resolve(".r.tmp-" + dead + "-789"));
        OutputDir.writeMarker(foreignFile, "run", "s");
        Files.writeString(foreignFile.resolve("thesis.tex"), "x");
        Path alive = Files.createDirectories(runs.resolve(".r.tmp-" + ProcessHandle.current().pid() + "-1"));
        OutputDir.writeMarker(alive, "run", "s");
        Path otherName = Files.createDirectories(runs.resolve(".r2.tmp-" + dead + "-1"));
        OutputDir.writeMarker(otherName, "run", "s");

        OutputDir d = OutputDir.check(cwd, Path.of("runs/r"), "--out");
        d.commit(d.newTemp("run", "s"));
        assertFalse(Files.exists(stale), "ours, of a dead process: removed");
        assertFalse(Files.exists(staleOld), "ours, of a dead process: removed");
        assertTrue(Files.exists(noMarker), "no marker: kept");
        assertTrue(Files.exists(foreignFile), "a name we never write: kept");
        assertTrue(Files.exists(alive), "a live process (a parallel run): kept");
        assertTrue(Files.exists(otherName), "another directory's temporary: kept");
    }

    @Test
    void freshReplacesOnlyOurOwnAndKeepResumes() throws IOException {
        Path s = cwd.resolve("sweep");
        OutputDir.check(cwd, Path.of("sweep"), "--out").fresh("sweep", "x");
        Files.writeString(s.resolve("sweep.csv"), "rows");
        OutputDir again = OutputDir.check(cwd, Path.of("sweep"), "--out");
        assertEquals("sweep", again.earlierCommand().orElseThrow());
        again.keep("sweep", "x");
        assertEquals("rows", Files.readString(s.resolve("sweep.csv")), "keep leaves an earlier output as it is");
        again.fresh("sweep", "x");
        assertEquals(List.of("", ".mptcp-sim-run"), tree(s));
    }

    @Test
    void reportOnlyWritesIntoARun() throws IOException {
        Path d = foreign("notarun");
        assertThrows(OutputDir.Refused.class, () -> OutputDir.checkRunToReport(cwd, Path.of("notarun")));
        Files.writeString(d.resolve("summary.json"), "{}");
        assertThrows(OutputDir.Refused.class, () -> OutputDir.checkRunToReport(cwd, Path.of("notarun")),
                "summary.json alone is not a run");
        assertThrows(OutputDir.Refused.class, () -> OutputDir.checkRunToReport(cwd, Path.of("")));
        OutputDir.writeMarker(d, "run", "s");
        assertEquals(d, OutputDir.checkRunToReport(cwd, Path.of("notarun")));
        Path legacy = Files.createDirectories(cwd.resolve("legacy"));
        Files.writeString(legacy.resolve("summary.json"), "{}");
        Files.writeString(legacy.resolve("subflows.csv"), "");
        assertEquals(legacy, OutputDir.checkRunToReport(cwd, Path.of("legacy")), "a run written before markers");
    }
}
