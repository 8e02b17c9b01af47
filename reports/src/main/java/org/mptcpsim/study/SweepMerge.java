package org.mptcpsim.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.mptcpsim.scenario.output.OutputDir;

/**
 * {@code mptcp-sim sweep --merge DIR... --out OUT}: joins the shards of one sweep
 * ({@link SweepShard}) into {@code OUT/sweep.csv}, byte for byte the file a local sweep of the same
 * grid writes, and draws the sweep's charts. Every check runs before anything is written: each
 * directory is a shard ({@value SweepShard#FILE}), all have the same scenario hash, grid hash,
 * header, grid size and shard count, each shard index 0..N-1 is given exactly once, each shard
 * finished, and each shard's sweep.csv holds exactly its own points, each once. A refusal is a
 * {@link Refused} naming the shard directory and the point.
 *
 * <p>Run directories are not copied: {@code OUT/points/p<k>} is a relative symbolic link to the
 * shard's {@code points/p<k>}, so the shards must stay where they are (or be moved together with
 * OUT). OUT follows {@link OutputDir}'s rules (an earlier output of ours is replaced), except that a
 * Slurm sweep directory ({@value #SLURM_COMMAND}) holding the shards is written in place: only
 * sweep.csv, points/ (links only) and charts/ are replaced.
 */
public final class SweepMerge {
    /** The marker command of a merged sweep. */
    public static final String COMMAND = "sweep-merge";
    /** The marker command of a {@code --slurm} sweep directory (scripts, shards, merged result). */
    public static final String SLURM_COMMAND = "sweep-slurm";

    /** Bad shards or target: exit code 2, nothing was written. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private SweepMerge() {
    }

    /** Checks and merges {@code shards} into {@code target}; returns OUT/sweep.csv. */
    public static Path merge(List<Path> shards, OutputDir target) throws IOException {
        if (shards.isEmpty()) {
            throw new Refused("--merge: no shard directories given (give the --out directories of `sweep SCENARIO"
                    + " --shard I/N`, e.g. --merge runs/s0 runs/s1)");
        }
        Path out = target.path();
        List<Path> dirs = new ArrayList<>();
        List<SweepShard> ms = new ArrayList<>();
        boolean inside = readShards(shards, out, dirs, ms);
        if (inside && !target.earlierCommand().filter(SLURM_COMMAND::equals).isPresent()) {
            throw new Refused("--out " + out + ": holds shards being merged, and merging replaces it; give a directory"
                    + " outside the shards (only a --slurm sweep directory is merged into in place)");
        }
        checkShardSet(ms, dirs);
        // rows: each shard's own points, each exactly once
        TreeMap<Integer, String> rows = new TreeMap<>();
        Map<Integer, Path> from = new TreeMap<>();
        int fields = SweepCsv.countFields(ms.get(0).header());
        for (int s = 0; s < ms.size(); s++) {
            readRows(ms.get(s), dirs.get(s), fields, rows, from);
        }
        // everything checked: write
        String scenario = "merge of " + ms.size() + " shards";
        if (inside) {
            Files.createDirectories(out);
        } else {
            target.fresh(COMMAND, scenario);
        }
        SweepShard first = ms.get(0);
        StringBuilder b = new StringBuilder(first.header()).append('\n');
        for (String line : rows.values()) {
            b.append(line).append('\n');
        }
        Path csv = out.resolve(SweepRunner.CSV);
        SweepCsv.writeAtomically(csv, b.toString());
        linkPoints(out, from);
        for (String[] c : first.charts()) {
            SweepChart.write(out, c[0], Metric.valueOf(c[1]));
        }
        return csv;
    }

    /**
     * Reads each shard's manifest into {@code ms} (its absolute directory into {@code dirs});
     * returns whether a shard lies inside {@code out}.
     */
    private static boolean readShards(List<Path> shards, Path out, List<Path> dirs, List<SweepShard> ms) {
        boolean inside = false;
        for (Path d : shards) {
            Path abs = d.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                throw new Refused("--merge " + d + ": not a directory");
            }
            if (abs.startsWith(out) && !abs.equals(out)) {
                inside = true;
            } else if (out.startsWith(abs)) {
                throw new Refused("--out " + out + ": lies in the shard " + d + "; give a directory outside the shards");
            }
            try {
                ms.add(SweepShard.read(abs));
            } catch (IllegalArgumentException e) {
                throw new Refused("--merge: shard " + e.getMessage());
            }
            dirs.add(abs);
        }
        return inside;
    }

    /** The manifests are of one sweep, each shard owns its points, and every shard 0..N-1 is there once. */
    private static void checkShardSet(List<SweepShard> ms, List<Path> dirs) {
        SweepShard first = ms.get(0);
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (int s = 0; s < ms.size(); s++) {
            SweepShard m = ms.get(s);
            Path d = dirs.get(s);
            String where = where(m, d);
            mustEqual(where, "scenarioSha256", m.scenarioHash(), first.scenarioHash(), dirs.get(0),
                    " (the scenario file changed between shards)");
            mustEqual(where, "shards", m.count(), first.count(), dirs.get(0), "");
            mustEqual(where, "gridSize", m.gridSize(), first.gridSize(), dirs.get(0), "");
            mustEqual(where, "gridSha256", m.gridHash(), first.gridHash(), dirs.get(0),
                    " (other grid, --set overrides or metrics)");
            mustEqual(where, "header", m.header(), first.header(), dirs.get(0), "");
            if (m.index() >= m.count()) {
                throw new Refused(where + ": field shard: " + m.index() + " is not below shards " + m.count());
            }
            if (!m.points().equals(SweepShard.owned(m.index(), m.count(), m.gridSize()))) {
                throw new Refused(where + ": field points: not the points of shard " + m.index() + "/" + m.count()
                        + " (k mod " + m.count() + " == " + m.index() + ")");
            }
            Path dup = byIndex.putIfAbsent(m.index(), d);
            if (dup != null) {
                throw new Refused(where + ": duplicate: " + dup + " is shard " + m.index() + "/" + m.count() + " too");
            }
        }
        for (int i = 0; i < first.count(); i++) {
            if (!byIndex.containsKey(i)) {
                List<Integer> pts = SweepShard.owned(i, first.count(), first.gridSize());
                throw new Refused("--merge: shard " + i + "/" + first.count() + " is missing (points " + brief(pts)
                        + "); give its directory too");
            }
        }
    }

    private static String where(SweepShard m, Path d) {
        return "shard " + d + " (" + m.index() + "/" + m.count() + ")";
    }

    /**
     * Adds shard {@code m}'s rows (in directory {@code d}) to {@code rows} and their directory to
     * {@code from}, checking each row belongs to it, appears once, and that the shard finished.
     */
    private static void readRows(SweepShard m, Path d, int fields, TreeMap<Integer, String> rows,
                                 Map<Integer, Path> from) throws IOException {
        String where = where(m, d);
        Path csv = d.resolve(SweepRunner.CSV);
        List<String> lines = Files.isRegularFile(csv) ? Files.readAllLines(csv, StandardCharsets.UTF_8) : List.of();
        if (!lines.isEmpty() && !lines.get(0).equals(m.header())) {
            throw new Refused(csv + ":1: header is not the manifest's header '" + m.header() + "'");
        }
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l);
            int k = SweepCsv.parsePoint(line);
            if (k < 0 || SweepCsv.countFields(line) != fields) {
                throw new Refused(csv + ":" + (l + 1) + ": malformed row '" + line + "'");
            }
            if (k >= m.gridSize() || k % m.count() != m.index()) {
                throw new Refused(csv + ":" + (l + 1) + ": point " + k + " does not belong to " + where);
            }
            Path other = from.putIfAbsent(k, d);
            if (other != null) {
                throw new Refused(csv + ":" + (l + 1) + ": point " + k + " is a duplicate (already in "
                        + (other.equals(d) ? "this file" : other.resolve(SweepRunner.CSV)) + ")");
            }
            rows.put(k, line);
        }
        List<Integer> missing = m.points().stream().filter(k -> !rows.containsKey(k)).toList();
        if (!m.finished() || !missing.isEmpty()) {
            throw new Refused(where + ": did not finish" + (missing.isEmpty() ? " (its manifest says finished: false)"
                    : ": point" + (missing.size() > 1 ? "s " : " ") + brief(missing) + " missing from " + csv)
                    + "; run `mptcp-sim sweep SCENARIO --shard " + m.index() + "/" + m.count() + " --out " + d
                    + "` again (it resumes)");
        }
        for (int k : m.points()) {
            Path p = d.resolve("points").resolve("p" + k);
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(where + ": point " + k + ": run directory " + p + " is missing");
            }
        }
    }

    /** OUT/points/p<k> -> the shard's points/p<k>, relative; an earlier points/ is replaced only if it holds only links. */
    private static void linkPoints(Path out, Map<Integer, Path> from) throws IOException {
        Path points = out.resolve("points");
        Path tmp = out.resolve(".points.tmp-" + ProcessHandle.current().pid());
        Files.createDirectories(tmp);
        for (Map.Entry<Integer, Path> e : from.entrySet()) {
            Path link = tmp.resolve("p" + e.getKey());
            Path dest = e.getValue().resolve("points").resolve("p" + e.getKey());
            Files.createSymbolicLink(link, points.relativize(dest));
        }
        if (Files.exists(points, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> old;
            try (Stream<Path> s = Files.list(points)) {
                old = s.toList();
            }
            if (Files.isSymbolicLink(points) || !old.stream().allMatch(Files::isSymbolicLink)) {
                throw new Refused(points + ": holds more than the links of an earlier merge; move it away");
            }
            for (Path p : old) {
                Files.delete(p);
            }
            Files.delete(points);
        }
        Files.move(tmp, points, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void mustEqual(String where, String field, Object got, Object want, Path firstDir, String why) {
        if (!got.equals(want)) {
            throw new Refused(where + ": field " + field + ": " + got + " differs from " + want + " in " + firstDir
                    + why + "; all shards must come from one sweep");
        }
    }

    private static String brief(List<Integer> pts) {
        return pts.size() <= 8 ? pts.toString().replaceAll("[\\[\\]]", "")
                : Arrays.toString(pts.subList(0, 8).toArray()).replaceAll("[\\[\\]]", "") + ", ... (" + pts.size() + ")";
    }
}
