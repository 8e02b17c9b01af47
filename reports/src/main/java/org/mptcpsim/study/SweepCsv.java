package org.mptcpsim.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sweep.csv: {@code point,<override keys...>,<metric columns...>}, one row per finished point.
 * Rows are appended as points finish (completion order) and the file is rewritten sorted by
 * point index at the end, atomically (temp file + rename). Reading for resume keeps every
 * complete row and drops a half-written last line (no trailing newline, or wrong field count).
 * Thread-safe: {@link #append} is synchronized.
 */
final class SweepCsv {
    private final Path file;
    private final String header;
    private final TreeMap<Integer, String> rows = new TreeMap<>();

    SweepCsv(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Loads the finished rows of a previous session (if the file exists), checking that its
     * header matches and that each row's override cells equal {@code expectedPrefix(point)};
     * then rewrites the file with only those rows so that appending can continue. Only a
     * half-written last line (no newline: the session died while appending it) is dropped; any
     * other line that is not a row this sweep wrote (wrong field count, a point outside the grid
     * or given twice, other override values, a metric cell that is not a number) is refused
     * with {@link SweepRunner.Refused}, naming the line, before the file is changed.
     */
    synchronized Map<Integer, String> resume(List<String> expectedPrefixes) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n", -1);
            // no complete line at all (crash while creating the file): start afresh
            if (lines.length > 0 && !lines[0].equals(header)) {
                throw refused(1, "header '" + lines[0] + "' does not match this sweep's grid and metrics (expected '"
                        + header + "')");
            }
            int fields = header.split(",", -1).length;
            List<String> names = split(header);
            Map<Integer, Integer> lineOf = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                int point = parsePoint(line);
                if (point < 0 || point >= expectedPrefixes.size()) {
                    throw refused(i + 1, "'" + line + "' does not start with a point of this sweep (0 to "
                            + (expectedPrefixes.size() - 1) + ")");
                }
                if (countFields(line) != fields) {
                    throw refused(i + 1, "'" + line + "' has " + countFields(line) + " fields, the header " + fields);
                }
                String prefix = expectedPrefixes.get(point);
                if (!line.startsWith(prefix)) {
                    throw refused(i + 1, "point " + point + " has other override values than this sweep's grid ('"
                            + line + "', expected '" + prefix + "...')");
                }
                List<String> cells = split(line);
                for (int c = split(prefix).size() - 1; c < cells.size(); c++) {
                    try {
                        Double.parseDouble(cells.get(c));
                    } catch (NumberFormatException e) {
                        throw refused(i + 1, "point " + point + ": " + names.get(c) + " '" + cells.get(c)
                                + "' is not a number");
                    }
                }
                Integer before = lineOf.put(point, i + 1);
                if (before != null) {
                    throw refused(i + 1, "point " + point + " again (also on line " + before + ")");
                }
                rows.put(point, line);
            }
        }
        rewrite();
        return Map.copyOf(rows);
    }

    /** A refusal of the earlier session's file at {@code line}, saying what to do. */
    private SweepRunner.Refused refused(int line, String what) {
        return new SweepRunner.Refused(file + ":" + line + ": " + what + "; this is not a sweep.csv this sweep wrote"
                + " (another grid, or edited): move it (or the whole directory) away to start afresh, or restore it."
                + " Nothing was run or changed.");
    }

    /** Appends one finished row (completion order) and remembers it. */
    synchronized void append(int point, String line) throws IOException {
        rows.put(point, line);
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Rewrites the file atomically: header, then rows (sorted by point index). */
    synchronized void rewrite() throws IOException {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String line : rows.values()) {
            b.append(line).append('\n');
        }
        writeAtomically(file, b.toString());
    }

    /** Writes {@code text} to {@code file} through a sibling temp file and a rename. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The point index in a row's first cell, or -1 when it is not a number. */
    static int parsePoint(String line) {
        int comma = line.indexOf(',');
        try {
            return Integer.parseInt(comma < 0 ? line : line.substring(0, comma));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Splits a CSV line into cells, honouring double-quoted cells. */
    static List<String> split(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** Fields of a CSV line, honouring double-quoted cells. */
    static int countFields(String line) {
        int n = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                n++;
            }
        }
        return quoted ? -1 : n;
    }
}
