package org.mptcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sweep --shard}, {@code --merge} and {@code --slurm --dry-run} on a 3x3 grid (no Slurm needed). */
class SweepShardTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    static Path scenario;
    static byte[] local;

    static Path resource(String name) {
        try {
            return Path.of(SweepShardTest.class.getResource("/sweep/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object[] exec(String... args) {
        return CliTest.exec(args);
    }

    /** One local sweep of the grid, the reference every merge is compared with. */
    @BeforeAll
    static void localSweep() throws IOException {
        scenario = resource("tiny-grid-9.yaml");
        Object[] r = exec("sweep", scenario.toString(), "--out", shared.resolve("local").toString(), "--jobs", "2");
        assertEquals(0, r[0], (String) r[1]);
        local = Files.readAllBytes(shared.resolve("local/sweep.csv"));
        // the grid: 3 rates x 3 delays = 9 points, plus the header
        assertEquals(10, new String(local, StandardCharsets.UTF_8).split("\n").length);
    }

    private Path shard(Path sc, int i, int n, String... extra) {
        Path out = tmp.resolve("s" + i + "of" + n);
        List<String> args = new ArrayList<>(List.of("sweep", sc.toString(), "--shard", i + "/" + n, "--out", out.toString()));
        args.addAll(List.of(extra));
        Object[] r = exec(args.toArray(String[]::new));
        assertEquals(0, r[0], (String) r[1]);
        return out;
    }

    private Object[] merge(Path out, Path... dirs) {
        List<String> args = new ArrayList<>(List.of("sweep", "--merge"));
        for (Path d : dirs) {
            args.add(d.toString());
        }
        args.addAll(List.of("--out", out.toString()));
        return exec(args.toArray(String[]::new));
    }

    @Test
    void threeShardsMergedAreByteIdenticalToTheLocalSweep() throws IOException {
        Path s0 = shard(scenario, 0, 3);
        Path s1 = shard(scenario, 1, 3);
        Path s2 = shard(scenario, 2, 3);
        // round robin: shard 1 of 3 owns the points 1, 4, 7 of 0..8
        List<String> rows = Files.readAllLines(s1.resolve("sweep.csv"));
        assertEquals(List.of("1", "4", "7"), rows.subList(1, rows.size()).stream().map(l -> l.split(",")[0]).toList());
        Path out = tmp.resolve("merged");
        Object[] r = merge(out, s2, s0, s1);   // the order of the shards does not matter
        assertEquals(0, r[0], (String) r[1]);
        assertArrayEquals(local, Files.readAllBytes(out.resolve("sweep.csv")));
        // every point's run directory is reachable through a link into its shard
        for (int k = 0; k < 9; k++) {
            Path p = out.resolve("points/p" + k);
            assertTrue(Files.isSymbolicLink(p), p.toString());
            assertTrue(Files.isRegularFile(p.resolve("summary.json")), p.toString());
        }
        assertArrayEquals(Files.readAllBytes(shared.resolve("local/charts/sweep-goodput_mbps-vs-paths.wifi.rate.svg")),
                Files.readAllBytes(out.resolve("charts/sweep-goodput_mbps-vs-paths.wifi.rate.svg")));
        // merging again replaces the earlier merge (ours), and never touches the shards
        r = merge(out, s0, s1, s2);
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(Files.isRegularFile(s0.resolve("points/p0/summary.json")));
    }

    @Test
    void anInterruptedShardResumesAndMergesTheSame() throws IOException {
        Path s0 = shard(scenario, 0, 2);
        Path s1 = shard(scenario, 1, 2);
        // as if killed after two of its points: drop the last row and mark the manifest unfinished
        Path csv = s1.resolve("sweep.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, lines.subList(0, lines.size() - 1));
        Path manifest = s1.resolve("shard.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"finished\" : true", "\"finished\" : false"));
        Object[] r = merge(tmp.resolve("m"), s0, s1);
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("shard " + s1 + " (1/2): did not finish"), (String) r[1]);
        assertFalse(Files.exists(tmp.resolve("m")), "nothing written on a refusal");
        shard(scenario, 1, 2);
        r = merge(tmp.resolve("m"), s0, s1);
        assertEquals(0, r[0], (String) r[1]);
        assertArrayEquals(local, Files.readAllBytes(tmp.resolve("m/sweep.csv")));
    }

    @Test
    void mergeRefusesMissingDuplicateForeignAndUnfinishedShards() throws IOException {
        Path s0 = shard(scenario, 0, 3);
        Path s1 = shard(scenario, 1, 3);
        Path s2 = shard(scenario, 2, 3);
        Path out = tmp.resolve("m");
        assertRefused(merge(out, s0, s2), "shard 1/3 is missing (points 1, 4, 7)");
        assertRefused(merge(out, s0, s1, s1, s2), "shard " + s1 + " (1/3): duplicate");
        // a row lost from a shard that claims to be finished
        Path csv = s2.resolve("sweep.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, lines.subList(0, lines.size() - 1));
        assertRefused(merge(out, s0, s1, s2), "point 8 missing from " + csv);
        // a row of another shard
        Files.write(csv, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3),
                Files.readAllLines(s1.resolve("sweep.csv")).get(1)));
        assertRefused(merge(out, s0, s1, s2), csv + ":5: point 1 does not belong to shard " + s2 + " (2/3)");
        // a row twice
        Files.write(csv, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3), lines.get(3)));
        assertRefused(merge(out, s0, s1, s2), csv + ":5: point 8 is a duplicate");
        Files.write(csv, lines);
        // not a shard
        assertRefused(merge(out, s0, s1, shared.resolve("local")), "no shard.json");
        assertFalse(Files.exists(out), "nothing written on a refusal");
        assertRefused(merge(s1.resolve("x"), s0, s1, s2), "lies in the shard");
    }

    @Test
    void mergeRefusesShardsOfAnotherScenarioOrGrid() throws IOException {
        Path copy = tmp.resolve("tiny-grid-9.yaml");
        Files.copy(scenario, copy);
        Path s0 = shard(copy, 0, 2);
        Files.writeString(copy, Files.readString(copy) + "# edited between the shards\n");
        Path s1 = shard(copy, 1, 2);
        assertRefused(merge(tmp.resolve("m"), s0, s1), "field scenarioSha256");
        // same file, other --set overrides: another grid
        Path g1 = tmp.resolve("g1");
        Object[] r = exec("sweep", scenario.toString(), "--shard", "1/2", "--out", g1.toString(), "--set", "seed=2");
        assertEquals(0, r[0], (String) r[1]);
        Path g0 = tmp.resolve("g0");
        r = exec("sweep", scenario.toString(), "--shard", "0/2", "--out", g0.toString());
        assertEquals(0, r[0], (String) r[1]);
        assertRefused(merge(tmp.resolve("m"), g0, g1), "field gridSha256");
        // another shard count
        Path t = shard(scenario, 1, 3);
        assertRefused(merge(tmp.resolve("m"), g0, t), "field shards: 3 differs from 2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--shard|3/2|--shard 3/2: I = 3 is not a shard of 2",
        "--shard|x|--shard x: not I/N",
        "--shard|1/0|N = 0 shards is not a positive count",
        "--shard|-1/4|I = -1 is not a shard of 4"})
    void badShardFlagsAreLocatedExit2(String flag, String value, String message) {
        Object[] r = exec("sweep", scenario.toString(), flag, value, "--out", tmp.resolve("x").toString());
        assertRefused(r, message);
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void mergeOfNothingAndMixedModesAreLocatedExit2() {
        assertRefused(exec("sweep", "--merge", "--out", tmp.resolve("m").toString()), "--merge: no shard directories given");
        assertRefused(exec("sweep", "--merge", tmp.toString()), "--merge: give --out OUT");
        assertRefused(exec("sweep", scenario.toString(), "--partition", "p"), "--partition: only with --slurm");
        assertRefused(exec("sweep", "--merge", tmp.toString(), "--set", "duration=1s", "--out", tmp.resolve("m").toString()),
                "--merge: --set, --x and --jobs belong to the shards");
        assertRefused(exec("sweep", scenario.toString(), "--slurm", "--jobs", "2"), "--jobs with --slurm");
        assertRefused(exec("sweep", scenario.toString(), "--slurm", "--shard", "0/2"), "--shard with --slurm");
        assertRefused(exec("sweep", scenario.toString(), "--slurm", "--dry-run", "--time", "soon", "--out",
                tmp.resolve("w").toString()), "--time soon: not a Slurm time");
        assertRefused(exec("sweep", scenario.toString(), "--slurm", "--dry-run", "--shards", "10", "--out",
                tmp.resolve("w").toString()), "--shards 10: allowed 1 to 9");
        // the tasks pass --cpus-per-task on as --jobs, whose range is 1..1024
        assertRefused(exec("sweep", scenario.toString(), "--slurm", "--dry-run", "--cpus-per-task", "100000", "--out",
                tmp.resolve("w").toString()), "--cpus-per-task 100000: allowed 1 to 1024 CPUs");
        assertFalse(Files.exists(tmp.resolve("w")));
    }

    /**
     * The scripts --slurm writes, run without Slurm: each array task as bash with its
     * SLURM_ARRAY_TASK_ID, then the merge script; the result is the local sweep's sweep.csv.
     */
    @Test
    void slurmDryRunWritesScriptsThatReproduceTheLocalSweep() throws Exception {
        Path w = tmp.resolve("w");
        Object[] r = exec("sweep", scenario.toString(), "--slurm", "--dry-run", "--shards", "3", "--partition", "short",
                "--time", "10:00", "--array-limit", "2", "--out", w.toString());
        assertEquals(0, r[0], (String) r[1]);
        String array = Files.readString(w.resolve("slurm/array.sh"));
        assertTrue(array.contains("#SBATCH --array=0-2%2\n"), array);
        assertTrue(array.contains("#SBATCH --partition=short\n#SBATCH --time=10:00\n"), array);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertTrue(array.contains("exec " + Slurm.q(java) + " "), array);
        assertTrue(array.contains("--shard \"$i/3\""), array);
        String merge = Files.readString(w.resolve("slurm/merge.sh"));
        assertTrue(merge.contains("--merge " + w.resolve("shards/s0") + " " + w.resolve("shards/s1") + " "
                + w.resolve("shards/s2") + " --out " + w), merge);
        for (int i = 0; i < 3; i++) {
            bash(w.resolve("slurm/array.sh"), i);
        }
        bash(w.resolve("slurm/merge.sh"), -1);
        assertArrayEquals(local, Files.readAllBytes(w.resolve("sweep.csv")));
        assertTrue(Files.isRegularFile(w.resolve("points/p4/summary.json")));
        // a second submission into the same directory keeps the finished shards (they resume)
        r = exec("sweep", scenario.toString(), "--slurm", "--dry-run", "--shards", "3", "--out", w.toString());
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(Files.isRegularFile(w.resolve("shards/s1/points/p4/summary.json")));
    }

    private static void bash(Path script, int task) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        if (task >= 0) {
            pb.environment().put("SLURM_ARRAY_TASK_ID", String.valueOf(task));
        }
        pb.environment().put("MPTCP_SIM_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Process p = pb.start();
        String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), script + " task " + task + ": " + outText);
    }

    static void assertRefused(Object[] r, String message) {
        assertEquals(2, r[0], (String) r[1]);
        String err = (String) r[1];
        assertTrue(err.contains(message), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }
}
