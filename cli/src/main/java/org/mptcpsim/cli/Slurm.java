package org.mptcpsim.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.study.SweepRunner;
import org.mptcpsim.study.SweepMerge;

/**
 * {@code mptcp-sim sweep SCENARIO --slurm}: writes a Slurm job array (task {@code I} runs
 * {@code sweep SCENARIO --shard I/N}) and a merge job into {@code OUT/slurm/}, then submits them
 * with {@code sbatch --parsable} (the merge with {@code --dependency=afterok:ARRAY}). Layout of
 * OUT (marker command {@value SweepMerge#SLURM_COMMAND}): {@code slurm/array.sh},
 * {@code slurm/merge.sh}, {@code slurm/logs/}, {@code shards/s<I>/}, and after the merge
 * {@code sweep.csv}, {@code points/} and {@code charts/}. The scripts call this JVM's java
 * ({@code java.home}) with the absolute class path of this process, so they run on any node that
 * shares the file system; an earlier Slurm sweep in OUT is resumed (finished points are kept).
 */
final class Slurm {
    /** Default task count cap: Slurm's default MaxArraySize is 1001 (indices 0..1000). */
    static final int DEFAULT_MAX_SHARDS = 1000;
    private static final Pattern TIME = Pattern.compile("\\d+(:\\d+){0,2}|\\d+-\\d+(:\\d+){0,2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,-]+");

    private final Path scenario;
    private final OutputDir target;
    private final int gridSize;
    private final int count;
    private final String partition;
    private final String time;
    private final Integer arrayLimit;
    private final int cpus;
    private final List<String> sets;
    private final String metric;
    private final String x;
    private final boolean allowLarge;

    Slurm(Path scenario, OutputDir target, int gridSize, Integer shards, String partition, String time, Integer arrayLimit,
            Integer cpus, List<String> sets, String metric, String x, boolean allowLarge) {
        if (shards != null && (shards < 1 || shards > gridSize)) {
            throw new Main.BadInput("--shards " + shards + ": allowed 1 to " + gridSize + " (the grid's points; a shard"
                    + " runs at least one)");
        }
        if (partition != null && !NAME.matcher(partition).matches()) {
            throw new Main.BadInput("--partition " + partition + ": allowed a Slurm partition name (letters, digits, _ . , -)");
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new Main.BadInput("--time " + time + ": not a Slurm time; allowed MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM,"
                    + " D-HH:MM:SS (e.g. 30, 2:00:00, 1-0)");
        }
        if (arrayLimit != null && arrayLimit < 1) {
            throw new Main.BadInput("--array-limit " + arrayLimit + ": allowed a positive number of tasks at once");
        }
        if (cpus != null && (cpus < 1 || cpus > Jobs.MAX)) {
            // each task passes it on as sweep --jobs, so it has --jobs's range
            throw new Main.BadInput("--cpus-per-task " + cpus + ": allowed 1 to " + Jobs.MAX + " CPUs (each task runs"
                    + " that many points at a time, as --jobs)");
        }
        this.scenario = scenario;
        this.target = target;
        this.gridSize = gridSize;
        this.count = shards != null ? shards : Math.min(gridSize, DEFAULT_MAX_SHARDS);
        this.partition = partition;
        this.time = time;
        this.arrayLimit = arrayLimit;
        this.cpus = cpus != null ? cpus : 1;
        this.sets = sets;
        this.metric = metric;
        this.x = x;
        this.allowLarge = allowLarge;
    }

    /** Writes the scripts, then submits them unless {@code dryRun}; returns the exit code. */
    int writeAndSubmit(boolean dryRun, PrintStream out) throws IOException, InterruptedException {
        Path w = target.path();
        if (target.earlierCommand().filter(SweepMerge.SLURM_COMMAND::equals).isPresent()) {
            target.keep(SweepMerge.SLURM_COMMAND, scenario.getFileName().toString());
        } else {
            target.fresh(SweepMerge.SLURM_COMMAND, scenario.getFileName().toString());
        }
        Path dir = w.resolve("slurm");
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(w.resolve("shards"));
        Path array = dir.resolve("array.sh");
        Path merge = dir.resolve("merge.sh");
        write(array, arrayScript(w));
        write(merge, mergeScript(w));
        String arrayCmd = "sbatch --parsable " + q(array.toString());
        String mergeCmd = "sbatch --parsable --dependency=afterok:$ARRAY_JOB " + q(merge.toString());
        if (dryRun) {
            out.println("sweep: wrote " + array + " (" + count + " tasks, " + gridSize + " points) and " + merge);
            out.println("sweep: to submit: ARRAY_JOB=$(" + arrayCmd + " | cut -d';' -f1) && " + mergeCmd);
            out.println("sweep: the merged sweep.csv will be " + w.resolve(SweepRunner.CSV));
            return Main.OK;
        }
        String id = sbatch(List.of("--parsable", array.toString()));
        String mid = sbatch(List.of("--parsable", "--dependency=afterok:" + id, merge.toString()));
        out.println("sweep: array job " + id + " (" + count + " tasks, " + gridSize + " points): " + arrayCmd);
        out.println("sweep: merge job " + mid + " after it: " + mergeCmd.replace("$ARRAY_JOB", id));
        out.println("sweep: the merged sweep.csv will be " + w.resolve(SweepRunner.CSV) + "; logs in " + dir.resolve("logs"));
        return Main.OK;
    }

    String arrayScript(Path w) {
        StringBuilder b = header("mptcp-sim-sweep", w.resolve("slurm/logs/shard-%a.out"), w);
        b.append("#SBATCH --array=0-").append(count - 1).append(arrayLimit != null ? "%" + arrayLimit : "").append('\n');
        b.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        b.append("set -euo pipefail\n");
        b.append("i=\"$SLURM_ARRAY_TASK_ID\"\n");
        List<String> cmd = new ArrayList<>(List.of("sweep", scenario.toString()));
        for (String s : sets) {
            cmd.add("--set");
            cmd.add(s);
        }
        cmd.add("--metric");
        cmd.add(metric);
        if (x != null) {
            cmd.add("--x");
            cmd.add(x);
        }
        if (allowLarge) {
            cmd.add("--allow-large-output");
        }
        b.append(java()).append(' ').append(join(cmd)).append(" --shard \"$i/").append(count).append("\" --out ")
                .append(q(w.resolve("shards").toString())).append("/s\"$i\" --jobs \"${SLURM_CPUS_PER_TASK:-")
                .append(cpus).append("}\"\n");
        return b.toString();
    }

    String mergeScript(Path w) {
        StringBuilder b = header("mptcp-sim-merge", w.resolve("slurm/logs/merge.out"), w);
        b.append("#SBATCH --kill-on-invalid-dep=yes\n");
        b.append("set -euo pipefail\n");
        List<String> cmd = new ArrayList<>(List.of("sweep", "--merge"));
        for (int i = 0; i < count; i++) {
            cmd.add(w.resolve("shards").resolve("s" + i).toString());
        }
        cmd.add("--out");
        cmd.add(w.toString());
        b.append(java()).append(' ').append(join(cmd)).append('\n');
        return b.toString();
    }

    private StringBuilder header(String job, Path log, Path w) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("# written by mptcp-sim sweep --slurm for ").append(scenario).append(" (").append(gridSize)
                .append(" points, ").append(count).append(" shards; shard I runs the points k with k mod ").append(count)
                .append(" = I)\n");
        b.append("#SBATCH --job-name=").append(job).append('\n');
        b.append("#SBATCH --output=").append(log).append('\n');
        // every path in the scripts is absolute; the working directory must only not be OUT or inside it
        b.append("#SBATCH --chdir=").append(w.getParent()).append('\n');
        if (partition != null) {
            b.append("#SBATCH --partition=").append(partition).append('\n');
        }
        if (time != null) {
            b.append("#SBATCH --time=").append(time).append('\n');
        }
        return b;
    }

    /** The java command of this process: its java binary and absolute class path; JVM options as the launcher's. */
    private static String java() {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
        return "exec " + q(bin.toString()) + " ${MPTCP_SIM_JAVA_OPTS:--Xms16m -Xmx1g -XX:+UseSerialGC -XX:-UsePerfData} -cp "
                + q(String.join(File.pathSeparator, classPath())) + " " + Main.class.getName();
    }

    /**
     * The absolute class path of this JVM, with the Class-Path of a manifest-only jar (as test
     * runners use) expanded, so that the command works from any working directory.
     */
    static List<String> classPath() {
        Set<String> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator))) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            out.add(p.toString());
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            Path r = u.startsWith("file:") ? Path.of(java.net.URI.create(u))
                                    : p.getParent().resolve(java.net.URLDecoder.decode(u, StandardCharsets.UTF_8));
                            out.add(r.toAbsolutePath().normalize().toString());
                        }
                    }
                } catch (IOException | IllegalArgumentException ignored) {
                    // not a readable jar: keep the entry as it is
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String sbatch(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("sbatch");
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new Main.BadInput("--slurm: cannot run sbatch (" + e.getMessage() + "); is Slurm installed here? Give"
                    + " --dry-run to only write the scripts");
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        String id = text.lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
        if (rc != 0 || !id.matches("\\d+")) {
            throw new Main.BadInput("--slurm: " + String.join(" ", cmd) + " failed (exit " + rc + "): " + text);
        }
        return id;
    }

    private static void write(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: sbatch reads the script, it need not be executable
        }
    }

    private static String join(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(b.length() == 0 ? "" : " ").append(q(w));
        }
        return b.toString();
    }

    /** Single-quoted for bash. */
    static String q(String s) {
        return s.matches("[A-Za-z0-9_./:=,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
