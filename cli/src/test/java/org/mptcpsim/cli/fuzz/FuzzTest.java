package org.mptcpsim.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpsim.cli.Main;
import org.mptcpsim.core.RandomStreams;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/**
 * Property: every mutation of every example scenario ends in exit 0 or a located exit 2, through
 * the loader and through the command line in-process ({@code check} for every tenth input, and
 * {@code run} for a 50 ms stretch for every fifth of those that check accepts), never an exception escaping, never a stack trace, never more than
 * {@link #TIMEOUT_MS} per input nor {@link #MAX_ALLOC_MB} allocated by one input.
 *
 * <p>{@code mvn -B verify} runs {@value #DEFAULT_INPUTS} inputs. A long campaign:
 * {@code nice -n 19 mvn -B -o -pl cli -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.inputs=1000000 [-Dfuzz.seed=N] [-Dfuzz.runEvery=K]}. Input {@code i} depends only on
 * the seed and {@code i}; a failing input is saved under {@code target/fuzz-failures/} (add it to
 * {@code src/test/resources/fuzz/} once fixed: {@link #regressionInputs} replays them all).
 */
class FuzzTest {
    static final int DEFAULT_INPUTS = 20_000;
    /**
     * A mutated example loads in about a millisecond and runs 50 ms in tens; the slowest input
     * seen was 4 s on a 2-core machine shared by 8 builds (JIT warm-up). 10 s means something
     * loops. {@code -Dfuzz.timeoutMs} overrides it.
     */
    static final long TIMEOUT_MS = Long.getLong("fuzz.timeoutMs", 10_000);
    /** The largest example (datacenter, 50 ms) allocates a few MB; 512 MB means a runaway. */
    static final long MAX_ALLOC_MB = 512;
    static final String[] RUN_SETS = {"--set", "duration=50ms", "--set", "sample=10ms"};

    @TempDir
    Path tmp;

    private final List<String> failures = new ArrayList<>();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final long[] exits = new long[6]; // loader 0/2, check 0/2, run 0/2
    private long slowestMs;
    private int slowestInput = -1;
    private long maxAllocBytes;

    static List<Path> examples() throws IOException {
        Path root = Path.of("..", "scenarios", "examples");
        if (!Files.isDirectory(root)) {
            root = Path.of("scenarios", "examples");
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyMutatedExampleEndsInExit0OrALocatedExit2() throws Exception {
        int inputs = Integer.getInteger("fuzz.inputs", DEFAULT_INPUTS);
        long seed = Long.getLong("fuzz.seed", 1);
        // through the loader every input; the command line (picocli set-up ~5x a load) every
        // cliEvery-th, and `run` (50 ms simulated, a run directory written) for every runEvery-th
        // input that check accepted
        int cliEvery = Integer.getInteger("fuzz.cliEvery", 10);
        int runEvery = Integer.getInteger("fuzz.runEvery", 5);
        List<Path> seeds = examples();
        List<byte[]> seedBytes = new ArrayList<>();
        for (Path p : seeds) {
            seedBytes.add(Files.readAllBytes(p));
        }
        long[] kinds = new long[Mutator.Kind.values().length];
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
            m.resetPeakUsage();
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream cap = new PrintStream(captured, true, StandardCharsets.UTF_8);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        int valid = 0;
        try {
            System.setOut(cap);
            System.setErr(cap);
            for (int i = 0; i < inputs && failures.size() < 20; i++) {
                int which = i % seeds.size();
                Mutator m = new Mutator(RandomStreams.mix(seed * 0x9E3779B97F4A7C15L + i));
                byte[] in = m.mutate(seedBytes.get(which));
                for (Mutator.Kind k : Mutator.Kind.values()) {
                    kinds[k.ordinal()] += m.count(k);
                }
                final boolean doCli = i % cliEvery == 0;
                final boolean doRun = doCli && valid % runEvery == 0;
                final int index = i;
                long t0 = System.nanoTime();
                Future<Boolean> f = worker.submit(() -> one(index, in, doCli, doRun));
                boolean loaded;
                try {
                    loaded = f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    fail(i, in, "took more than " + TIMEOUT_MS + " ms (still running; campaign stopped)");
                    break;
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > slowestMs) {
                    slowestMs = ms;
                    slowestInput = i;
                }
                if (loaded && doCli) {
                    valid++;
                }
                if ((i + 1) % 10_000 == 0) {
                    oldOut.printf(Locale.ROOT, "fuzz: %d inputs, %.0f s, loader exit0=%d exit2=%d, check %d/%d, run %d/%d,"
                            + " slowest %d ms, most allocated %.1f MB, peak heap %.0f MB, failures %d%n", i + 1,
                            (System.nanoTime() - start) / 1e9, exits[0], exits[1], exits[2], exits[3], exits[4], exits[5],
                            slowestMs, maxAllocBytes / 1e6, peakHeap() / 1e6, failures.size());
                }
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            worker.shutdownNow();
        }
        long peak = peakHeap();
        StringBuilder kindText = new StringBuilder();
        for (Mutator.Kind k : Mutator.Kind.values()) {
            kindText.append(' ').append(k.name().toLowerCase(Locale.ROOT)).append('=').append(kinds[k.ordinal()]);
        }
        System.out.printf(Locale.ROOT, "fuzz: %d inputs (seed %d) from %d examples in %.1f s: loader exit0=%d exit2=%d;"
                        + " check exit0=%d exit2=%d; run exit0=%d exit2=%d; slowest input %d ms (#%d); most allocated by"
                        + " one input %.1f MB; peak heap %.0f MB; mutations:%s%n", inputs, seed, seeds.size(),
                (System.nanoTime() - start) / 1e9, exits[0], exits[1], exits[2], exits[3], exits[4], exits[5], slowestMs,
                slowestInput, maxAllocBytes / 1e6, peak / 1e6, kindText);
        assertTrue(failures.isEmpty(), failures.size() + " failing inputs (saved in target/fuzz-failures):\n"
                + String.join("\n", failures));
    }

    /** The heap pools' peak use since the campaign started, in bytes. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
            if (m.getType() == MemoryType.HEAP) {
                peak += m.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Every input once found by the fuzzer (src/test/resources/fuzz/) still ends in exit 0 or 2. */
    @Test
    void regressionInputs() throws Exception {
        Path dir = Path.of("src", "test", "resources", "fuzz");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no regression inputs in " + dir);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (int i = 0; i < files.size(); i++) {
                one(i, Files.readAllBytes(files.get(i)), true, true);
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Drives one input through the loader, then {@code check} and {@code run} when asked; true when it loaded. */
    private boolean one(int i, byte[] in, boolean cli, boolean run) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        Path file = tmp.resolve("fuzz.yaml");
        Files.write(file, in);
        int loader;
        try {
            ScenarioLoader.loadFile(file, List.of());
            loader = 0;
        } catch (ScenarioException e) {
            loader = 2;
            for (ScenarioException one : e.errors()) {   // each of a file's errors, not only the first
                if (!one.loc().hasPosition() || !one.file().equals(file.toString())) {
                    fail(i, in, "loader: error without a file position: " + one.getMessage());
                    break;
                }
            }
        } catch (Throwable e) {
            fail(i, in, "loader threw " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            return false;
        }
        exits[loader == 0 ? 0 : 1]++;
        int check = cli ? cli(i, in, "check", file.toString()) : -1;
        if (check >= 0) {
            exits[check == 0 ? 2 : 3]++;
            if (loader == 2 && check != 2) {
                fail(i, in, "the loader refused the input but check gave exit " + check);
            }
        }
        if (run && check == 0) {
            Path out = tmp.resolve("run-" + i);
            List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--quiet",
                    "--no-report"));
            args.addAll(List.of(RUN_SETS));
            int r = cli(i, in, args.toArray(String[]::new));
            if (r >= 0) {
                exits[r == 0 ? 4 : 5]++;
            }
            deleteTree(out);
        }
        long alloc = threads.getThreadAllocatedBytes(tid) - alloc0;
        maxAllocBytes = Math.max(maxAllocBytes, alloc);
        if (alloc > MAX_ALLOC_MB << 20) {
            fail(i, in, "allocated " + alloc / (1 << 20) + " MB");
        }
        return loader == 0;
    }

    /** The exit code of one command line (0 or 2), or -1 after recording a failure. */
    private int cli(int i, byte[] in, String... args) {
        captured.reset();
        int code = Main.execute(args);
        String err = captured.toString(StandardCharsets.UTF_8);
        if (code != 0 && code != 2) {
            fail(i, in, String.join(" ", args[0]) + ": exit " + code + ": " + firstLine(err));
            return -1;
        }
        if (err.contains("\tat ") || err.contains("internal error")) {
            fail(i, in, args[0] + ": a stack trace or internal error: " + firstLine(err));
            return -1;
        }
        if (code == 2 && !err.startsWith("mptcp-sim: ")) {
            fail(i, in, args[0] + ": exit 2 without a message: " + firstLine(err));
            return -1;
        }
        return code;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void fail(int i, byte[] in, String why) {
        failures.add("#" + i + ": " + why);
        try {
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            Files.write(dir.resolve("input-" + i + ".yaml"), in);
        } catch (IOException e) {
            failures.add("#" + i + ": could not save the input: " + e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
