package org.mptcpsim.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CSV table as the run directory writes it: a header line, then comma-separated values
 * (no quoting; ids never contain commas). Columns are looked up by name, so extra columns are
 * tolerated. Every error names the file and the 1-based line.
 *
 * <p>Immutable after {@link #read}; safe to share between threads.
 */
public final class Csv {
    private final String file;
    private final Map<String, Integer> columns;
    private final List<String[]> rows;
    private final List<Integer> lineNumbers;

    private Csv(String file, Map<String, Integer> columns, List<String[]> rows, List<Integer> lines) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
        this.lineNumbers = lines;
    }

    /** Reads {@code path}; fails if the header lacks any of {@code required} columns. */
    public static Csv read(Path path, String... required) throws IOException {
        String name = path.getFileName().toString();
        Map<String, Integer> columns = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new MalformedRunException(name + ":1: empty file, expected a header line");
            }
            String[] names = header.strip().split(",", -1);
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].strip(), i);
            }
            for (String col : required) {
                if (!columns.containsKey(col)) {
                    throw new MalformedRunException(name + ":1: missing column '" + col
                            + "' (header is '" + header.strip() + "')");
                }
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != names.length) {
                    throw new MalformedRunException(name + ":" + lineNo + ": expected " + names.length
                            + " fields, found " + fields.length);
                }
                rows.add(fields);
                lines.add(lineNo);
            }
        }
        return new Csv(name, columns, Collections.unmodifiableList(rows), Collections.unmodifiableList(lines));
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Whether the header has {@code column}. */
    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The raw text of {@code column} in data row {@code row} (0-based), stripped. */
    public String text(int row, String column) {
        Integer c = columns.get(column);
        if (c == null) {
            throw new MalformedRunException(file + ": no column '" + column + "'");
        }
        return rows.get(row)[c].strip();
    }

    /** {@code column} of {@code row} as a double; the error names file, line and column. */
    public double decimal(int row, String column) {
        String s = text(row, column);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad(row, column, s);
        }
    }

    /** {@code column} of {@code row} as a long; the error names file, line and column. */
    public long integer(int row, String column) {
        String s = text(row, column);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw bad(row, column, s);
        }
    }

    private MalformedRunException bad(int row, String column, String value) {
        return new MalformedRunException(file + ":" + lineNumbers.get(row) + ": column '" + column
                + "': not a number: '" + value + "'");
    }
}
