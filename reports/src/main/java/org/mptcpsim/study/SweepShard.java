package org.mptcpsim.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The manifest {@value #FILE} of one shard of a sweep (docs/reports.md, "Sweeps on a cluster"):
 * which slice of which grid the directory holds, so that {@link SweepMerge} can check that the
 * shards it joins are complete and belong together. Shard {@code I} of {@code N} owns the points
 * {@code k} with {@code k mod N == I} (round robin: neighbouring points, which often differ only in
 * the fastest axis and cost alike, land on different shards; the slice depends only on the grid
 * size and N, never on timing). Written with {@code finished: false} before the first point runs
 * and rewritten (atomically) with {@code finished: true} after the shard's sweep.csv is final.
 *
 * @param index        I, 0-based
 * @param count        N, the number of shards
 * @param gridSize     points of the whole grid
 * @param scenarioHash SHA-256 of the scenario file's bytes
 * @param gridHash     SHA-256 of sweep.csv's header and every point's override cells (so of the
 *                     grid, the {@code --set} overrides and the metric columns)
 * @param header       sweep.csv's header line
 * @param charts       the charts a merge draws ({@code KEY METRIC} pairs)
 * @param points       the points this shard owns, ascending
 * @param finished     true once every owned point is in the shard's sweep.csv
 */
public record SweepShard(int index, int count, int gridSize, String scenarioHash, String gridHash, String header,
        List<String[]> charts, List<Integer> points, boolean finished) {
    /** The manifest's file name in a shard directory. */
    public static final String FILE = "shard.json";
    /** Format version written into the manifest. */
    static final int FORMAT = 1;

    /** The points shard {@code index} of {@code count} owns in a grid of {@code gridSize} points. */
    public static List<Integer> owned(int index, int count, int gridSize) {
        List<Integer> out = new ArrayList<>();
        for (int k = index; k < gridSize; k += count) {
            out.add(k);
        }
        return out;
    }

    /** Whether shard {@code index} of {@code count} owns grid point {@code k} (the points {@link #owned} lists). */
    public static boolean owns(int index, int count, int k) {
        return Math.floorMod(k, count) == index;
    }

    /** Hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The grid hash of a header and the points' override prefixes (as sweep.csv writes them). */
    static String gridHash(String header, List<String> prefixes) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String p : prefixes) {
            b.append(p).append('\n');
        }
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    SweepShard withFinished(boolean f) {
        return new SweepShard(index, count, gridSize, scenarioHash, gridHash, header, charts, points, f);
    }

    /** {@code true} when {@code o} is the same slice of the same grid (finished or not). */
    boolean sameSlice(SweepShard o) {
        return o != null && index == o.index && count == o.count && gridSize == o.gridSize
                && scenarioHash.equals(o.scenarioHash) && gridHash.equals(o.gridHash) && header.equals(o.header);
    }

    /** Writes the manifest into {@code dir} atomically. */
    void write(Path dir) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode n = om.createObjectNode();
        n.put("format", FORMAT);
        n.put("shard", index);
        n.put("shards", count);
        n.put("gridSize", gridSize);
        n.put("scenarioSha256", scenarioHash);
        n.put("gridSha256", gridHash);
        n.put("header", header);
        ArrayNode cs = n.putArray("charts");
        for (String[] c : charts) {
            cs.addObject().put("key", c[0]).put("metric", c[1]);
        }
        ArrayNode ps = n.putArray("points");
        points.forEach(ps::add);
        n.put("finished", finished);
        SweepCsv.writeAtomically(dir.resolve(FILE), om.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    /**
     * Reads {@code dir/shard.json}; a missing or malformed manifest is an {@link IllegalArgumentException}
     * naming the file and the field.
     */
    public static SweepShard read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(dir + ": not a sweep shard (no " + FILE + "; a shard is the --out of "
                    + "`mptcp-sim sweep SCENARIO --shard I/N`)");
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": unreadable shard manifest (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(f + ": unreadable shard manifest (not a JSON object)");
        }
        if (n.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException(f + ": field format: " + n.path("format") + " is not supported (allowed: "
                    + FORMAT + ")");
        }
        int index = intField(n, f, "shard");
        int count = intField(n, f, "shards");
        int size = intField(n, f, "gridSize");
        List<String[]> charts = new ArrayList<>();
        for (JsonNode c : n.path("charts")) {
            charts.add(new String[] {c.path("key").asText(), c.path("metric").asText()});
        }
        List<Integer> points = new ArrayList<>();
        for (JsonNode p : n.path("points")) {
            if (!p.canConvertToInt()) {
                throw new IllegalArgumentException(f + ": field points: " + p + " is not a point index");
            }
            points.add(p.asInt());
        }
        if (!n.path("finished").isBoolean()) {
            throw new IllegalArgumentException(f + ": field finished: missing or not true/false");
        }
        return new SweepShard(index, count, size, textField(n, f, "scenarioSha256"), textField(n, f, "gridSha256"),
                textField(n, f, "header"), charts, points, n.path("finished").asBoolean());
    }

    private static int intField(JsonNode n, Path f, String name) {
        JsonNode v = n.path(name);
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw new IllegalArgumentException(f + ": field " + name + ": missing or not a non-negative integer");
        }
        return v.asInt();
    }

    private static String textField(JsonNode n, Path f, String name) {
        JsonNode v = n.path(name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(f + ": field " + name + ": missing or not a string");
        }
        return v.asText();
    }
}
